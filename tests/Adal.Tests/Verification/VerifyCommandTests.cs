using System.Security.Cryptography;
using System.Text;
using Adal.Features.Verification;

namespace Adal.Tests.Verification;

/// <summary>`adal verify` on input that is wrong before any cryptography: never a crash, always a reason and an exit code.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly VerifyFolder _files = new();

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"format\": \"adal-proof-v1\", \"documentNumber\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"format\": \"adal-proof-v2\"}")]
    [InlineData("{\"format\": \"adal-proof-v1\", \"format\": \"adal-proof-v1\"}")]
    public void Malformed_bundles_are_refused_with_a_reason_never_a_crash(string bundle)
    {
        var (code, output, errors) = Verify(Save("certificate.pdf", "%PDF-1.4 any file"u8.ToArray()), "--proof", Save("bad.json", bundle));
        Assert.Equal(VerifyCommand.NotGenuine, code);
        Assert.StartsWith("NOT GENUINE: the proof bundle is malformed", output);
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public void Usage_mistakes_exit_with_2_and_say_what_is_wrong()
    {
        var pdf = Save("some.pdf", "%PDF-1.4"u8.ToArray());
        Assert.Equal(VerifyCommand.UsageError, Verify().Code);
        Assert.Equal(VerifyCommand.UsageError, Verify(pdf).Code);
        Assert.Equal(VerifyCommand.UsageError, Verify(pdf, "--proof").Code);
        Assert.Equal(VerifyCommand.UsageError, Verify(pdf, "--proof", Path.Combine(_files.Root, "missing.json")).Code);
        Assert.Equal(VerifyCommand.UsageError, Verify(pdf, "--proof", pdf, "--colour").Code);
        Assert.Equal(VerifyCommand.UsageError, Verify(pdf, pdf, "--proof", pdf).Code);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (code, _, errors) = Verify(pdf, "--proof", pdf, "--key", Save("private.pem", key.ExportPkcs8PrivateKeyPem()));
        Assert.Equal(VerifyCommand.UsageError, code);
        Assert.Contains("private key", errors);
        Assert.Equal(VerifyCommand.UsageError, Verify(pdf, "--proof", pdf, "--key", Save("empty.pem", "nothing here")).Code);
        Assert.Equal(VerifyCommand.Genuine, Verify("--help").Code);
    }

    private static (int Code, string Output, string Errors) Verify(params string[] args) => VerifyFolder.Verify(args);

    private string Save(string name, string text) => _files.Save(name, text);

    private string Save(string name, byte[] bytes) => _files.Save(name, bytes);

    public void Dispose() => _files.Dispose();
}
