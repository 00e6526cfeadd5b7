using Adal.Ledger;

namespace Adal.Features.Ledger;

/// <summary>
/// The openings (salt, value) of an entry's commitments as stored beside its leaf: a JSON object by field name,
/// <c>{"student":{"salt":"…hex…","value":"…"}}</c>, in the order they were committed.
/// </summary>
public static class LedgerOpenings
{
    public static string? Encode(IReadOnlyList<(string Field, CommitmentOpening Opening)> openings)
    {
        if (openings.Count == 0) return null;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(160 * openings.Count);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (field, opening) in openings)
            {
                json.WriteStartObject(field);
                json.WriteString("salt", Convert.ToHexStringLower(opening.Salt));
                json.WriteString("value", opening.Value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<(string Field, CommitmentOpening Opening)> Decode(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return [];
        using var document = System.Text.Json.JsonDocument.Parse(stored);
        return document.RootElement.EnumerateObject()
            .Select(p => (p.Name, new CommitmentOpening(Convert.FromHexString(p.Value.GetProperty("salt").GetString() ?? ""), p.Value.GetProperty("value").GetString() ?? "")))
            .ToList();
    }
}
