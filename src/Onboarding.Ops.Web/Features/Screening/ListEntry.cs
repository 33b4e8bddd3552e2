namespace Onboarding.Ops.Web.Features.Screening;

/// <summary>
/// One target of a sanctions or PEP list, as matching needs it: its names (the first is the list's own), dates of
/// birth (a day, a month or a year, as lists publish them), countries, identifiers, the programmes it is listed under
/// and the dataset it comes from.
/// </summary>
public sealed record ListEntry(
    string Id, string Schema, IReadOnlyList<string> Names, IReadOnlyList<string> BirthDates, IReadOnlyList<string> Countries,
    IReadOnlyList<string> Identifiers, IReadOnlyList<string> Programmes, string Dataset, bool IsPep)
{
    public string Name => Names.Count > 0 ? Names[0] : Id;

    public bool IsPerson => Schema == "Person";

    /// <summary>FollowTheMoney's schemata for companies and other bodies; everything else that is not a person is left out.</summary>
    public static bool IsScreenedSchema(string schema) => schema is "Person" or "Company" or "Organization" or "LegalEntity";
}

/// <summary>A line of a list file that could not be read, and why.</summary>
public sealed record ListProblem(int Line, string Reason);

/// <summary>What a list file held: its entries, or the lines that stop it from being imported.</summary>
public sealed record ParsedList(IReadOnlyList<ListEntry> Entries, IReadOnlyList<ListProblem> Problems)
{
    public bool IsClean => Problems.Count == 0;
}
