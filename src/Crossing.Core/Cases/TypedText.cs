using System.Text;

namespace Crossing.Core.Cases;

/// <summary>
/// Text as a person typed it on any keyboard, made comparable: NFKC turns full-width digits and hyphens (Korean and
/// Chinese keyboards) into ASCII ones. Parsers then accept ASCII digits only (<c>[0-9]</c>, never <c>\d</c>, which
/// matches every script's digits and lets <c>int.Parse</c> throw).
/// </summary>
internal static class TypedText
{
    /// <summary>The trimmed NFKC form, or null when the text is not valid Unicode (a lone surrogate).</summary>
    public static string? Normalised(string? text)
    {
        if (text is null)
            return "";
        try
        {
            return text.Normalize(NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
