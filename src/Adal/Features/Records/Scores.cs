using System.Globalization;
using Adal.Features.Requests;
using Adal.Platform.Localization;

namespace Adal.Features.Records;

/// <summary>Reading a percentage score from a form, a CSV cell or JSON: a whole number from 0 to 100.</summary>
internal static class Scores
{
    public static bool TryParse(string? text, out int score)
    {
        score = 0;
        return int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out score) && GradingScale.IsScore(score);
    }

    public static int? Read(decimal? value, string field, string language, FieldErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, Languages.Text("Validation.Required", language));
            return null;
        }
        if (value != decimal.Truncate(value.Value) || !GradingScale.IsScore((int)Math.Clamp(value.Value, -1, 101)))
        {
            errors.Add(field, Languages.Text("Records.ScoreRange", language));
            return null;
        }
        return (int)value.Value;
    }
}
