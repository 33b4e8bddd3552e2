namespace Onboarding.Ops.Web.Features.Screening;

/// <summary>
/// Names as matching compares them: transliterated to Latin letters (AnyAscii: Cyrillic, Greek, Arabic, CJK, …),
/// without accents, lower case, punctuation as spaces, honorifics and company forms dropped, one token per word.
/// Token order is left to the scorer, which pairs tokens whatever their order.
/// </summary>
public static class ScreeningNames
{
    private static readonly HashSet<string> Dropped =
    [
        // Honorifics and titles.
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "sheikh", "sheik", "shaikh", "hon",
        "gen", "general", "col", "colonel", "maj", "capt", "rev", "jr", "sr", "ii", "iii",
        // Company forms: the name of the business is what is listed.
        "ltd", "llc", "inc", "corp", "co", "sa", "sas", "gmbh", "ag", "plc", "bv", "nv", "oy", "ab", "spa", "srl", "jsc", "ooo", "pjsc", "llp",
    ];

    public static IReadOnlyList<string> Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }
        var latin = AnyAscii.Transliteration.Transliterate(name).ToLowerInvariant();
        var cleaned = new string([.. latin.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')]);
        return [.. cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !Dropped.Contains(t))];
    }

    /// <summary>
    /// The keys a name is found by in the index: each token's first and last three letters, and four for longer tokens
    /// (rarer, so they single a name out of a million); one wrong letter leaves the keys at the other end.
    /// </summary>
    public static IEnumerable<string> Keys(IReadOnlyList<string> tokens) =>
        tokens.Where(t => t.Length >= 2).SelectMany(t => t.Length <= 3 ? [t]
            : t.Length == 4 ? new[] { "^" + t[..3], t[^3..] + "$" }
            : ["^" + t[..3], t[^3..] + "$", "^" + t[..4], t[^4..] + "$"]).Distinct();
}
