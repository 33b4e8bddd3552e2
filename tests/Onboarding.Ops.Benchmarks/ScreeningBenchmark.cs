using Onboarding.Ops.Domain.Screening;
using System.Diagnostics;
using Onboarding.Ops.Web.Features.Screening;

namespace Onboarding.Ops.Benchmarks;

/// <summary>
/// Screening one party against a generated list (issue 20's target: p95 under 50 ms at 1,000,000 entries): builds the
/// matcher's index, then times matching for listed names spelled otherwise and for names on no list, and prints the
/// build time, the memory the index holds, and median and p95 per match.
/// </summary>
public static class ScreeningBenchmark
{
    private static readonly string[] First =
    [
        "ivan", "maria", "jose", "ahmed", "mohammed", "ali", "olga", "wei", "li", "anna", "juan", "carlos", "fatima", "omar", "sofia",
        "elena", "pedro", "luis", "hassan", "yusuf", "nikolai", "sergei", "dmitri", "igor", "tatiana", "natalia", "mikhail", "andrei",
        "pablo", "lucia", "diego", "ana", "jorge", "miguel", "rosa", "karim", "leila", "samir", "nadia", "hugo", "ines", "tomas", "eva",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "ro", "vi", "na", "pe", "tor", "lin", "sa", "mo", "rad", "gu", "ez", "ov", "ich", "ski", "an", "el", "ber", "mar", "quin",
        "ta", "do", "zi", "lo", "nes", "ham", "dar", "fi", "shi", "ko", "ren", "bo", "cha", "vez", "lu", "mi", "ser", "ya", "ud", "om",
        "bra", "cle", "dri", "fu", "gal", "hor", "jin", "kel", "lam", "mur", "nov", "pra", "qui", "rus", "sto", "tri", "ulm", "vat",
        "wen", "xo", "yel", "zar", "ab", "ek", "ip", "og", "uk", "ast", "erm", "ith", "oun", "ung", "ald", "eft", "isk", "orn",
    ];

    private static readonly Random random = new(20261206);

    // Surnames of two to four syllables out of 78: few of a million are spelt alike, as on a real list.
    private static string Surname() => string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Syllables[random.Next(Syllables.Length)]));

    private static string Name() => $"{First[random.Next(First.Length)]} {Surname()}" + (random.Next(3) == 0 ? $" {Surname()}" : "");

    /// <summary>A generated list: persons and (one in ten) companies, one in four with an alias, half with a birth date.</summary>
    public static List<ListEntry> Entries(int size) => [.. Enumerable.Range(0, size).Select(i => new ListEntry($"gen-{i}", i % 10 == 0 ? "Company" : "Person",
        i % 4 == 0 ? [Name(), Name()] : [Name()], i % 2 == 0 ? [$"{1940 + random.Next(60)}-{random.Next(1, 13):00}-{random.Next(1, 28):00}"] : [],
        new[] { "RU", "VE", "IR", "CO", "MX" }[random.Next(5)..][..1], [], ["Generated"], "bench", false))];

    /// <summary>The entries as an OpenSanctions simple CSV, the file an admin would import.</summary>
    public static byte[] SimpleCsv(IEnumerable<ListEntry> entries)
    {
        var text = new System.Text.StringBuilder("id,schema,name,aliases,birth_date,countries,identifiers,sanctions,dataset\n");
        foreach (var e in entries)
        {
            text.Append($"{e.Id},{e.Schema},{e.Names[0]},{string.Join(';', e.Names.Skip(1))},{string.Join(';', e.BirthDates)},"
                + $"{string.Join(';', e.Countries).ToLowerInvariant()},,{string.Join(';', e.Programmes)},{e.Dataset}\n");
        }
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    public static void Run(int size, int runs)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        var entries = Entries(size);
        var matcher = new Matcher(entries);
        build.Stop();
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;

        // Half the queries are listed names with one letter changed and the tokens swapped, half are names on no list.
        var queries = Enumerable.Range(0, runs).Select<int, (ScreenedParty Party, ListEntry? Listed)>(i =>
        {
            if (i % 2 == 1)
            {
                return (new ScreenedParty("customer", Name() + " " + Surname(), true, null, ["ES"], []), null);
            }
            var listed = entries[random.Next(entries.Count)];
            var tokens = listed.Name.Split(' ');
            var misspelt = tokens[^1][..^1] + (tokens[^1][^1] == 'a' ? 'e' : 'a');
            return (new ScreenedParty("customer", $"{misspelt} {string.Join(' ', tokens[..^1])}", listed.IsPerson, null, [], []), listed);
        }).ToList();
        matcher.Match(queries[0].Party, 0.85);
        var times = new List<double>();
        var (found, listedFound) = (0, 0);
        foreach (var (party, listed) in queries)
        {
            var watch = Stopwatch.StartNew();
            var candidates = matcher.Match(party, 0.85);
            times.Add(watch.Elapsed.TotalMilliseconds);
            found += listed is null && candidates.Count > 0 ? 1 : 0;
            listedFound += listed is not null && candidates.Any(c => c.Entry == listed) ? 1 : 0;
        }
        times.Sort();
        Console.WriteLine($"| screening | entries | index built | index memory | match median | match p95 | listed names found | other names with a candidate |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| one party | {size:N0} | {build.Elapsed.TotalSeconds:N1} s | {held / 1024.0 / 1024:N0} MB | "
            + $"{times[times.Count / 2]:N1} ms | {times[(int)(times.Count * 0.95)]:N1} ms | {listedFound} of {(runs + 1) / 2} | {found} of {runs / 2} |");
    }
}
