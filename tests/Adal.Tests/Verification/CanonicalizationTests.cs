using System.Text;
using System.Text.Json.Nodes;
using Adal.Features.Credentials;

namespace Adal.Tests.Verification;

/// <summary>
/// RFC 8785 against published vectors: the JCS reference test data (github.com/cyberphone/json-canonicalization,
/// testdata/input → output) and the number serialization table of RFC 8785 Appendix B.
/// </summary>
public sealed class CanonicalizationTests
{
    [Theory]
    [InlineData("""[ 56, { "d": true, "10": null, "1": [ ] } ]""", """[56,{"1":[],"10":null,"d":true}]""")]
    [InlineData("""{ "peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ignore locale" }""",
        """{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ignore locale"}""")]
    [InlineData("""{ "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ {"e": "yes","E": "no" } ], "A": { } }""",
        """{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}""")]
    [InlineData("""{ "Unnormalized Unicode":"A\u030a" }""", "{\"Unnormalized Unicode\":\"A\u030a\"}")]
    [InlineData("""{ "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false] }""",
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}")]
    [InlineData("""{ "\u20ac": "Euro Sign", "\r": "Carriage Return", "\u000a": "Newline", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge" }""",
        "{\"\\n\":\"Newline\",\"\\r\":\"Carriage Return\",\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude02\":\"Smiley\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}")]
    public void Reference_inputs_canonicalize_to_the_reference_outputs(string input, string expected)
    {
        Assert.True(JsonCanonicalization.TryParse(Encoding.UTF8.GetBytes(input), out var node, out var problem), problem);
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalization.Canonicalize(node)));
    }

    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    [InlineData(0x4340000000000001UL, "9007199254740994")]
    [InlineData(0x4340000000000002UL, "9007199254740996")]
    public void Numbers_print_as_ECMAScript_prints_them(ulong bits, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumber.Format(BitConverter.UInt64BitsToDouble(bits)));
    }

    [Fact]
    public void Numbers_in_JSON_text_are_read_as_doubles_first()
    {
        Assert.True(JsonCanonicalization.TryParse("[1.0, 100, -0.0, 1e2, 12345678901234567890]"u8, out var node, out _));
        Assert.Equal("[1,100,0,100,12345678901234567000]", Encoding.UTF8.GetString(JsonCanonicalization.Canonicalize(node)));
        var built = new JsonObject { ["b"] = 2L, ["a"] = 0.5 };
        Assert.Equal("""{"a":0.5,"b":2}""", Encoding.UTF8.GetString(JsonCanonicalization.Canonicalize(built)));
    }

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""")]
    [InlineData("""{"a": [1, 2""")]
    [InlineData("""{"a": 1} trailing""")]
    public void Duplicate_names_and_broken_JSON_are_refused(string json)
    {
        Assert.False(JsonCanonicalization.TryParse(Encoding.UTF8.GetBytes(json), out _, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Numbers_beyond_a_double_and_lone_surrogates_cannot_be_canonicalized()
    {
        Assert.True(JsonCanonicalization.TryParse("[1e400]"u8, out var huge, out _));
        Assert.False(JsonCanonicalization.TryCanonicalize(huge, out _, out var problem));
        Assert.Contains("IEEE 754", problem);
        Assert.False(JsonCanonicalization.TryCanonicalize(JsonValue.Create("\ud800 alone"), out _, out problem));
        Assert.Contains("surrogate", problem);
    }
}
