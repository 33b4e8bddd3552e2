using F23.StringSimilarity;
using Onboarding.Ops.Domain.Screening;

namespace Onboarding.Ops.Web.Features.Screening;

/// <summary>A list entry that scored at or above the threshold, with what matched.</summary>
public sealed record Candidate(ListEntry Entry, double Score, string MatchedName, IReadOnlyList<string> Matched);

/// <summary>
/// Finds and scores the entries of a list a party may be. Candidates come from an index of name keys (never a scan of
/// the list); each is scored as documented in the README (Screening): the best of its names by Jaro-Winkler on tokens,
/// paired whatever their order, then birth date, countries and identifiers raise or lower it.
/// </summary>
public sealed class Matcher
{
    private static readonly JaroWinkler Similarity = new();

    private readonly List<(ListEntry Entry, IReadOnlyList<(string Name, IReadOnlyList<string> Tokens)> Names)> entries = [];
    private readonly Dictionary<string, List<int>> index = [];

    public Matcher(IEnumerable<ListEntry> list)
    {
        foreach (var entry in list)
        {
            var names = entry.Names.Select(n => (Name: n, Tokens: ScreeningNames.Tokens(n))).Where(n => n.Tokens.Count > 0).ToList();
            var position = entries.Count;
            entries.Add((entry, names));
            foreach (var key in names.SelectMany(n => ScreeningNames.Keys(n.Tokens)).Distinct())
            {
                (index.TryGetValue(key, out var found) ? found : index[key] = []).Add(position);
            }
        }
    }

    public int Count => entries.Count;

    /// <summary>The entries scoring at least <paramref name="threshold"/>, best first.</summary>
    public IReadOnlyList<Candidate> Match(ScreenedParty party, double threshold)
    {
        var tokens = ScreeningNames.Tokens(party.Name);
        if (tokens.Count == 0)
        {
            return [];
        }
        // Blocking: every entry sharing a key gets the key's rarity (a common first name weighs little, a surname much);
        // only the best-weighted entries are scored, so the cost of a match stays bounded however long the list.
        var weights = new Dictionary<int, double>();
        foreach (var key in ScreeningNames.Keys(tokens))
        {
            if (index.TryGetValue(key, out var positions))
            {
                var rarity = Math.Log((double)entries.Count / positions.Count + 1);
                foreach (var position in positions)
                {
                    weights[position] = weights.GetValueOrDefault(position) + rarity;
                }
            }
        }
        return [.. weights.OrderByDescending(w => w.Value).Take(Scored).Select(w => Score(party, tokens, entries[w.Key]))
            .Where(c => c is not null && c.Score >= threshold).Select(c => c!).OrderByDescending(c => c.Score).ThenBy(c => c.Entry.Id)];
    }

    /// <summary>How many candidates, best-weighted first, are scored name by name.</summary>
    public const int Scored = 300;

    private static Candidate? Score(
        ScreenedParty party, IReadOnlyList<string> tokens, (ListEntry Entry, IReadOnlyList<(string Name, IReadOnlyList<string> Tokens)> Names) target)
    {
        if (party.IsPerson != target.Entry.IsPerson)
        {
            return null;
        }
        var (best, name) = target.Names.Select(n => (Score: NameScore(tokens, n.Tokens), n.Name)).MaxBy(n => n.Score);
        var matched = new List<string> { "name" };
        var score = best;
        // Birth date: the same day (or the same month or year, as far as the list says) raises it; another year lowers it.
        if (party.BirthDate is { } born && target.Entry.BirthDates.Count > 0)
        {
            var day = born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (target.Entry.BirthDates.Any(d => day.StartsWith(d, StringComparison.Ordinal)))
            {
                score += 0.05;
                matched.Add("birth date");
            }
            else if (!target.Entry.BirthDates.Any(d => d[..4] == day[..4]))
            {
                score -= 0.15;
            }
        }
        // Countries: one in common raises it a little; none in common lowers it.
        if (party.Countries.Count > 0 && target.Entry.Countries.Count > 0)
        {
            if (party.Countries.Intersect(target.Entry.Countries, StringComparer.OrdinalIgnoreCase).Any())
            {
                score += 0.03;
                matched.Add("country");
            }
            else
            {
                score -= 0.05;
            }
        }
        // The same identifier (national id, registration number) is close to proof.
        if (party.Identifiers.Select(Compact).Intersect(target.Entry.Identifiers.Select(Compact)).Any(i => i.Length >= 4))
        {
            score = Math.Max(score, 0.99);
            matched.Add("identifier");
        }
        return new Candidate(target.Entry, Math.Round(Math.Clamp(score, 0, 1), 3), name, matched);
    }

    /// <summary>
    /// Tokens paired best-first whatever their order (each used once); the pairs' Jaro-Winkler (0 for tokens that are
    /// other words), weighted by the tokens' length, times a coverage factor: tokens of the longer name left unpaired take off up to a fifth, so a missing
    /// middle name lowers the score without sinking it.
    /// </summary>
    internal static double NameScore(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var pairs = (from i in Enumerable.Range(0, a.Count) from j in Enumerable.Range(0, b.Count)
                     select (i, j, s: Same(a[i], b[j]))).OrderByDescending(p => p.s).ToList();
        var (usedA, usedB) = (new bool[a.Count], new bool[b.Count]);
        double similar = 0, weight = 0;
        foreach (var (i, j, s) in pairs)
        {
            if (!usedA[i] && !usedB[j])
            {
                (usedA[i], usedB[j]) = (true, true);
                similar += s * (a[i].Length + b[j].Length);
                weight += a[i].Length + b[j].Length;
            }
        }
        var (longer, used) = a.Count >= b.Count ? (a, usedA) : (b, usedB);
        var coverage = longer.Where((_, k) => used[k]).Sum(t => t.Length) / (double)longer.Sum(t => t.Length);
        return weight == 0 ? 0 : similar / weight * (0.8 + 0.2 * coverage);
    }

    /// <summary>
    /// Jaro-Winkler of two tokens; below 0.75 they are other words, not a spelling of one (they count as nothing). An
    /// initial stands for any word it begins ("P." for Petrovich), a little short of the word itself.
    /// </summary>
    private static double Same(string a, string b) =>
        (a.Length == 1 || b.Length == 1) && a[0] == b[0] ? 0.9
        : Similarity.Similarity(a, b) is var s && s >= 0.75 ? s : 0;

    private static string Compact(string identifier) => new([.. identifier.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
