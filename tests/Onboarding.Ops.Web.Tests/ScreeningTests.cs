using Onboarding.Ops.Domain.Screening;
using Onboarding.Ops.Web.Features.Screening;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Screening's matching cases and list files (issue 20): names found through the index and scored as documented.</summary>
public sealed class ScreeningMatchTests
{
    private static readonly ListEntry Sidorenko = new("p1", "Person", ["Ivan Petrovich Sidorenko", "Иван Петрович Сидоренко"], ["1961-04-12"], ["RU"],
        ["RU-4501-778812"], ["Programme A"], "demo", false);
    private static readonly ListEntry Muller = new("p2", "Person", ["José Müller Ortiz"], ["1970"], ["ES"], [], ["Programme B"], "demo", false);
    private static readonly ListEntry Northwind = new("c1", "Company", ["Northwind Maritime Holdings Ltd"], [], ["PA"], ["PA-88273-1"], ["Programme A"], "demo", false);
    private static readonly ListEntry Unrelated = new("p3", "Person", ["Lucia Fernanda Braga"], [], ["BR"], [], [], "demo", false);

    private static readonly Matcher List = new([Sidorenko, Muller, Northwind, Unrelated]);

    private static ScreenedParty Person(string name, DateOnly? born = null, string[]? countries = null, string[]? ids = null) =>
        new("customer", name, true, born, countries ?? [], ids ?? []);

    private static double ScoreOf(ScreenedParty party, ListEntry entry) =>
        List.Match(party, 0).SingleOrDefault(c => c.Entry == entry)?.Score ?? 0;

    [Theory]
    [InlineData("Ivan Petrovich Sidorenko")]
    [InlineData("Сидоренко Иван Петрович")]      // another script, another order
    [InlineData("Sidorenko, Ivan Petrovich")]    // surname first
    [InlineData("Ivan Petrovich Sidorenco")]     // one letter off
    [InlineData("Dr. Ivan P. Sidorenko")]        // an honorific, an initial
    public void VariantsOfAListedName_AreFound(string name)
    {
        var found = List.Match(Person(name), 0.85);

        Assert.Equal(Sidorenko, Assert.Single(found).Entry);
    }

    [Fact]
    public void AccentsAndCase_DoNotMatter()
    {
        Assert.Equal(Muller, Assert.Single(List.Match(Person("JOSE MULLER ORTIZ"), 0.85)).Entry);
    }

    [Fact]
    public void TheSameNameWithAnotherBirthYear_ScoresLower_AndTheSameDayHigher()
    {
        // Without the patronymic, so the name alone scores below 1 and the date can raise it.
        var sameDay = ScoreOf(Person("Ivan Sidorenko", new DateOnly(1961, 4, 12)), Sidorenko);
        var noDate = ScoreOf(Person("Ivan Sidorenko"), Sidorenko);
        var otherYear = ScoreOf(Person("Ivan Sidorenko", new DateOnly(1990, 1, 1)), Sidorenko);

        Assert.True(sameDay > noDate && noDate > otherYear, $"{sameDay} > {noDate} > {otherYear}");
        Assert.Contains("birth date", List.Match(Person("Ivan Petrovich Sidorenko", new DateOnly(1961, 4, 12)), 0).Single().Matched);
    }

    [Fact]
    public void ACountryInCommon_Raises_NoneLowers_AnIdentifierIsAlmostProof()
    {
        var russian = ScoreOf(Person("Ivan Sidorenko", countries: ["RU"]), Sidorenko);
        var chilean = ScoreOf(Person("Ivan Sidorenko", countries: ["CL"]), Sidorenko);
        var sameId = List.Match(Person("I. Sidorenko", ids: ["ru 4501 778812"]), 0).Single(c => c.Entry == Sidorenko);

        Assert.True(russian > chilean);
        Assert.True(sameId.Score >= 0.99);
        Assert.Contains("identifier", sameId.Matched);
    }

    [Fact]
    public void AnotherPerson_IsNotAMatch_AndPeopleAreNotMatchedToCompanies()
    {
        Assert.Empty(List.Match(Person("Ivana Sokolova"), 0.85));
        Assert.Empty(List.Match(Person("Northwind Maritime Holdings"), 0.5));
        Assert.Equal(Northwind, Assert.Single(List.Match(new ScreenedParty("customer", "NORTHWIND MARITIME HOLDINGS LIMITED", false, null, [], []), 0.85)).Entry);
    }

    [Fact]
    public void Normalising_Transliterates_DropsHonorificsAndCompanyForms()
    {
        Assert.Equal(["ivan", "petrovich", "sidorenko"], ScreeningNames.Tokens("Иван Петрович Сидоренко"));
        Assert.Equal(["jose", "muller"], ScreeningNames.Tokens("Sr. José Müller"));
        Assert.Equal(["northwind", "maritime"], ScreeningNames.Tokens("Northwind Maritime, Ltd."));
    }
}

public sealed class ScreeningListFileTests
{
    [Fact]
    public void TheDemoList_IsFictional_AndReadsClean_SkippingWhatIsNotScreened()
    {
        using var file = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Features", "Screening", "Lists", "demo-targets.simple.csv"));

        var list = ListFiles.ReadSimpleCsv(file);

        Assert.True(list.IsClean, string.Join("; ", list.Problems));
        Assert.Equal(5, list.Entries.Count); // the vessel is not screened
        var sidorenko = list.Entries.Single(e => e.Id == "demo-p-001");
        Assert.Equal(["Ivan Petrovich Sidorenko", "Иван Петрович Сидоренко", "Ivan Sidorenko"], sidorenko.Names);
        Assert.Equal(["RU"], sidorenko.Countries);
        Assert.Equal(["RU-4501-778812"], sidorenko.Identifiers);
        Assert.True(list.Entries.Single(e => e.Id == "demo-p-004").IsPep);
    }

    [Fact]
    public void MalformedRows_AreReportedWithTheirLine_AndReason()
    {
        const string csv = """
            id,schema,name,aliases,birth_date,countries,identifiers,sanctions,dataset
            a1,Person,Ana Lima,,1980-01-02,br,,Prog,demo
            ,Person,No Id,,,,,,demo
            a3,Person,,,,,,,demo
            a4,Person,Bad Date,,02/01/1980,,,,demo
            """;

        var list = ListFiles.ReadSimpleCsv(new StringReader(csv));

        Assert.Equal([new ListProblem(3, "the id is empty"), new ListProblem(4, "the name is empty"),
            new ListProblem(5, "'02/01/1980' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")], list.Problems);
        Assert.False(list.IsClean);
    }

    [Fact]
    public void AFileWithoutTheColumns_IsRefusedAtItsHeader()
    {
        var list = ListFiles.ReadSimpleCsv(new StringReader("name;country\nAna;BR\n"));

        Assert.Equal(1, Assert.Single(list.Problems).Line);
    }

    [Fact]
    public void FollowTheMoneyLines_AreRead_WithPepsFromTheirTopics_AndBrokenLinesReported()
    {
        const string lines = """
            {"id":"ftm-1","schema":"Person","properties":{"name":["Olek Brandt"],"alias":["Олек Брандт"],"birthDate":["1959-03"],"nationality":["pl"],"passportNumber":["ZB123456"],"topics":["role.pep"]},"datasets":["demo_peps"]}
            {"id":"ftm-2","schema":"Company","properties":{"name":["Brandt Logistik GmbH"],"registrationNumber":["HRB 1234"],"jurisdiction":["de"],"program":["Programme D"]},"datasets":["demo_sanctions"]}
            {"id":"ftm-3","schema":"Person","properties":{}}
            not json
            """;

        var list = ListFiles.ReadFollowTheMoney(new StringReader(lines));

        Assert.Equal(2, list.Entries.Count);
        var olek = list.Entries[0];
        Assert.Equal(["Olek Brandt", "Олек Брандт"], olek.Names);
        Assert.Equal(["1959-03"], olek.BirthDates);
        Assert.Equal(["PL"], olek.Countries);
        Assert.Equal(["ZB123456"], olek.Identifiers);
        Assert.True(olek.IsPep);
        Assert.Equal(["Programme D"], list.Entries[1].Programmes);
        Assert.Equal([3, 4], list.Problems.Select(p => p.Line));
        Assert.Equal("the entity has no name", list.Problems[0].Reason);
    }
}
