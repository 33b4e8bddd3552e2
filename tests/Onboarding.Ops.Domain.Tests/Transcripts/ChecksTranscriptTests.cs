using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Domain.Tests.Transcripts;

/// <summary>The automated checks' findings on people, companies and documents at and around each limit.</summary>
public sealed class ChecksTranscriptTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly Guid Other = Guid.Parse("0b5e0000-0000-4000-8000-000000000001");
    private static readonly Guid Another = Guid.Parse("0b5e0000-0000-4000-8000-000000000002");

    [Fact]
    public void EveryCheck_OnPeopleCompaniesAndDocuments()
    {
        var t = new Transcript();
        var person = A.Person();
        var people = new (string, PersonData)[]
        {
            ("a clean person", person),
            ("an email without domain", person with { Email = "camila@" }),
            ("a mistyped email domain", person with { Email = "camila@GMIAL.com" }),
            ("a phone without country code", person with { Phone = "3001234567" }),
            ("an unknown nationality and address country", person with { Nationality = "XX", Address = person.Address! with { CountryCode = "COL" } }),
            ("born 120 years ago today", person with { BirthDate = Today.AddYears(-120) }),
            ("born 120 years ago and a day", person with { BirthDate = Today.AddYears(-120).AddDays(-1) }),
            ("born tomorrow", person with { BirthDate = Today.AddDays(1) }),
            ("born today", person with { BirthDate = Today }),
            ("18 tomorrow", person with { BirthDate = Today.AddYears(-18).AddDays(1) }),
            ("18 today", person with { BirthDate = Today.AddYears(-18) }),
            ("no birth date", person with { BirthDate = null }),
            ("a placeholder first name", person with { FirstName = "Test" }),
            ("a placeholder full name", person with { FirstName = "John", LastName = "Doe" }),
            ("a repeated letter", person with { LastName = "Aaa" }),
            ("a digit in the name", person with { LastName = "Restrepo2" }),
            ("an initial", person with { FirstName = "C." }),
            ("a nationality not supported", person with { Nationality = "kp" }),
            ("an address not supported", person with { Address = person.Address! with { CountryCode = "IR" } }),
        };
        foreach (var (name, data) in people)
        {
            Checks(t, name, Individual(data, [A.Passport()]), []);
        }

        t.Heading("documents");
        foreach (var (name, documents) in new (string, NewDocument[])[]
                 {
                     ("a passport expired yesterday", [A.Passport(Today.AddDays(-1))]),
                     ("a passport expiring today", [A.Passport(Today)]),
                     ("a passport expiring in 30 days", [A.Passport(Today.AddDays(30))]),
                     ("a passport expiring in 31 days", [A.Passport(Today.AddDays(31))]),
                     ("an id card without expiry, issued in XX", [new NewDocument(DocumentType.IdCard, "XX")]),
                     ("a driving licence expired, a passport valid", [A.Passport(), new NewDocument(DocumentType.DriverLicense, "CO", ExpiresOn: Today.AddDays(-3))]),
                     ("a proof of address only", [A.ProofOfAddress()]),
                 })
        {
            Checks(t, name, Individual(person, documents), []);
        }

        t.Heading("duplicates");
        foreach (var (name, matches) in new (string, DuplicateMatch[])[]
                 {
                     ("the same national id", [new(Other, "Camila R.", DuplicateKind.NationalId)]),
                     ("the same email", [new(Other, "Camila R.", DuplicateKind.Email)]),
                     ("the same name and birth date", [new(Other, "Camila Restrepo", DuplicateKind.NameAndBirthDate)]),
                     ("everything, twice", [new(Other, "Camila R.", DuplicateKind.Email), new(Another, "C. Restrepo", DuplicateKind.Email),
                         new(Other, "Camila R.", DuplicateKind.NationalId), new(Another, "C. Restrepo", DuplicateKind.NameAndBirthDate)]),
                 })
        {
            t.Line(name);
            Write(t, AutomatedChecks.Duplicates(matches));
        }

        t.Heading("companies");
        var company = A.Company();
        foreach (var (name, data) in new (string, CompanyData)[]
                 {
                     ("a clean company", company),
                     ("bad contact data and countries", company with { Email = "finanzas", Phone = "+0", CountryOfIncorporation = "ZZ",
                         RegisteredAddress = company.RegisteredAddress! with { CountryCode = "Z" } }),
                     ("incorporated where not supported", company with { CountryOfIncorporation = "CU" }),
                     ("registered where not supported", company with { RegisteredAddress = company.RegisteredAddress! with { CountryCode = "SY" } }),
                     ("an owner tied to an unsupported country", company with { Owners =
                         [new BeneficialOwner { Person = A.Person("Mateo", "Quintero") }, new BeneficialOwner { Person = A.Person("Iván", "Test") with
                             { Address = A.Person().Address! with { CountryCode = "KP" }, BirthDate = Today.AddYears(-17) } }] }),
                     ("a placeholder legal name", company with { LegalName = "Demo", Owners = [] }),
                 })
        {
            Checks(t, name, Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic,
                VerificationModel.PartnerVerified, "lumen-wallet", Company: data), A.Policy), []);
        }

        t.Heading("an update under review is checked as proposed");
        var updating = A.Active();
        updating.SubmitUpdate(A.Partner, A.T0.AddHours(3), new CustomerChanges(person with { LastName = "Test", Address = person.Address! with { CountryCode = "IR" } }));
        Checks(t, "a person's proposed name and address", updating, []);

        t.Heading("settings");
        var strict = new CheckSettings(new HashSet<string> { "CO", "AR" }, AgeOfMajority: 40, SoonExpiringDays: 2000);
        var customer = Individual(person, [A.Passport()]);
        foreach (var result in AutomatedChecks.Run(customer, [], strict, Today))
        {
            Write(t, result);
        }
        t.Line($"reasons: {string.Join(", ", new[] { "format", "age_of_majority", "placeholder_data", "document_expired", "duplicate_customer", "unsupported_country", "other" }
            .Select(code => $"{code} -> {AutomatedChecks.ReasonFor(code)}"))}");
        t.Verify("checks");
    }

    private static Customer Individual(PersonData person, IReadOnlyList<NewDocument> documents) =>
        Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified,
            "lumen-wallet", Person: person, Documents: documents), A.Policy);

    private static void Checks(Transcript t, string name, Customer customer, IReadOnlyList<DuplicateMatch> duplicates)
    {
        t.Line(name);
        foreach (var result in AutomatedChecks.Run(customer, duplicates, CheckSettings.Default, Today).Where(r => r.Outcome != CheckOutcome.Pass || name.StartsWith("a clean")))
        {
            Write(t, result);
        }
    }

    // The document check's fingerprint includes the documents' new ids, so it is left out.
    private static void Write(Transcript t, CheckResult r) =>
        t.Line($"   {r.Code} {r.Outcome}: {r.Detail}{(r.Code == "document_expired" ? "" : $" [{r.Basis}]")}"
            + (r.Related.Count > 0 ? $" related {string.Join(", ", r.Related)}" : ""));
}
