using System.Text.Json;
using CsvHelper;

namespace Onboarding.Ops.Web.Features.Screening;

/// <summary>
/// Reads the two open formats OpenSanctions publishes: the "simple" CSV (<c>targets.simple.csv</c>: id, schema, name,
/// aliases, birth_date, countries, identifiers, sanctions, dataset, …; several values in a cell separated by ";") and
/// FollowTheMoney entities as JSON lines. A line that cannot be read is reported with its number and the reason; the
/// caller imports a file only when no line was (never half a list).
/// </summary>
public static class ListFiles
{
    private static readonly string[] Required = ["id", "schema", "name"];

    /// <summary>How often a long read says how far it got.</summary>
    private const int ProgressEvery = 10_000;

    /// <summary>
    /// Either format, told apart by the content (FollowTheMoney lines start with "{"), whatever the file is called;
    /// <paramref name="linesRead"/> hears every 10,000 lines how far the read got.
    /// </summary>
    public static ParsedList Read(Stream content, Action<int>? linesRead = null)
    {
        using var text = new StreamReader(content, leaveOpen: true);
        while (text.Peek() is var next && next >= 0 && char.IsWhiteSpace((char)next))
        {
            text.Read();
        }
        return text.Peek() == '{' ? ReadFollowTheMoney(text, linesRead) : ReadSimpleCsv(text, linesRead);
    }

    public static ParsedList ReadSimpleCsv(TextReader text, Action<int>? linesRead = null)
    {
        var entries = new List<ListEntry>();
        var problems = new List<ListProblem>();
        using var csv = CsvReader.Create(text, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
        var checkedHeader = false;
        while (true)
        {
            int line;
            try
            {
                if (!csv.Read())
                {
                    break;
                }
                line = (int)csv.LineNumber;
                if (line % ProgressEvery == 0)
                {
                    linesRead?.Invoke(line);
                }
            }
            catch (Exception broken) when (broken is not OutOfMemoryException)
            {
                problems.Add(new ListProblem((int)csv.LineNumber, $"the CSV cannot be read here: {broken.Message}"));
                break;
            }
            if (!checkedHeader)
            {
                checkedHeader = true;
                if (Required.FirstOrDefault(c => !csv.Headers.Contains(c)) is { } missing)
                {
                    problems.Add(new ListProblem(1, $"the header has no '{missing}' column: is this OpenSanctions' targets.simple.csv?"));
                    break;
                }
            }
            string Cell(string column) => csv.Headers.Contains(column) ? csv.GetString(column).Trim() : "";
            IReadOnlyList<string> Cells(string column) => [.. Cell(column).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            var (id, schema, name) = (Cell("id"), Cell("schema"), Cell("name"));
            var problem = id.Length == 0 ? "the id is empty"
                : name.Length == 0 ? "the name is empty"
                : schema.Length == 0 ? "the schema is empty"
                : Cells("birth_date").FirstOrDefault(d => !IsPartialDate(d)) is { } date ? $"'{date}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                : null;
            if (problem is not null)
            {
                problems.Add(new ListProblem(line, problem));
                continue;
            }
            if (!ListEntry.IsScreenedSchema(schema))
            {
                continue;
            }
            var sanctions = Cells("sanctions");
            entries.Add(new ListEntry(id, schema, [name, .. Cells("aliases")], Cells("birth_date"), Countries(Cells("countries")),
                Cells("identifiers"), sanctions, Cell("dataset"), IsPep: sanctions.Count == 0 && Cell("dataset").Contains("pep", StringComparison.OrdinalIgnoreCase)));
        }
        return new ParsedList(entries, problems);
    }

    /// <summary>FollowTheMoney entities, one JSON object a line (<c>entities.ftm.json</c>).</summary>
    public static ParsedList ReadFollowTheMoney(TextReader text, Action<int>? linesRead = null)
    {
        var entries = new List<ListEntry>();
        var problems = new List<ListProblem>();
        var number = 0;
        while (text.ReadLine() is { } line)
        {
            number++;
            if (number % ProgressEvery == 0)
            {
                linesRead?.Invoke(number);
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                var entity = document.RootElement;
                var id = entity.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "";
                var schema = entity.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
                if (!entity.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new ListProblem(number, "the entity has no properties"));
                    continue;
                }
                IReadOnlyList<string> Values(params string[] names) => [.. names.SelectMany(n =>
                    properties.TryGetProperty(n, out var values) && values.ValueKind == JsonValueKind.Array
                        ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim())
                        : []).Where(v => v.Length > 0).Distinct()];
                var names = Values("name", "alias", "weakAlias", "previousName");
                var problem = id.Length == 0 ? "the id is empty"
                    : schema.Length == 0 ? "the schema is empty"
                    : names.Count == 0 ? "the entity has no name"
                    : Values("birthDate").FirstOrDefault(d => !IsPartialDate(d)) is { } date ? $"'{date}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                    : null;
                if (problem is not null)
                {
                    problems.Add(new ListProblem(number, problem));
                    continue;
                }
                if (!ListEntry.IsScreenedSchema(schema))
                {
                    continue;
                }
                var topics = Values("topics");
                var datasets = entity.TryGetProperty("datasets", out var d) && d.ValueKind == JsonValueKind.Array
                    ? string.Join(";", d.EnumerateArray().Select(x => x.GetString())) : "";
                entries.Add(new ListEntry(id, schema, names, Values("birthDate"),
                    Countries(Values("nationality", "citizenship", "country", "jurisdiction")),
                    Values("idNumber", "passportNumber", "registrationNumber", "taxNumber", "innCode", "ogrnCode"),
                    Values("program", "programId"), datasets, IsPep: topics.Contains("role.pep")));
            }
            catch (JsonException broken)
            {
                problems.Add(new ListProblem(number, $"the line is not a JSON object: {broken.Message}"));
            }
        }
        return new ParsedList(entries, problems);
    }

    private static IReadOnlyList<string> Countries(IEnumerable<string> codes) =>
        [.. codes.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length == 2).Distinct()];

    private static bool IsPartialDate(string value) =>
        DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM", "yyyy"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out _);
}
