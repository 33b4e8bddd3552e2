using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Domain.Tests;

public sealed class AutomatedChecksTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly CheckSettings Settings = CheckSettings.Default;

    private static Customer With(PersonData person, params NewDocument[] documents) =>
        Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified,
            "lumen-wallet", Person: person, Documents: documents.Length == 0 ? [A.Passport()] : documents, LivenessAttested: true), A.Policy);

    [Fact]
    public void Run_CleanCustomer_PassesEveryCheck()
    {
        var results = AutomatedChecks.Run(With(A.Person()), [], Settings, Today);

        Assert.Equal(["format", "age_of_majority", "placeholder_data", "document_expired", "duplicate_customer", "unsupported_country"],
            results.Select(r => r.Code));
        Assert.All(results, r => Assert.Equal(CheckOutcome.Pass, r.Outcome));
    }

    [Theory]
    [InlineData("camila@", null, null, "email 'camila@' is not an email address")]
    [InlineData(null, "3001234567", null, "phone '3001234567' is not an E.164 number")]
    [InlineData(null, null, "ZZ", "nationality 'ZZ' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData(null, null, "COL", "nationality 'COL' is not an ISO 3166-1 alpha-2 country code")]
    public void Format_BadValue_FailsNamingTheField(string? email, string? phone, string? nationality, string expected)
    {
        var person = A.Person() with { Email = email ?? A.Person().Email, Phone = phone ?? A.Person().Phone, Nationality = nationality ?? "CO" };

        var result = AutomatedChecks.Format(With(person), Today);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Contains(expected, result.Detail, StringComparison.OrdinalIgnoreCase);
    }

    private static Customer Company(CompanyData company) =>
        Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Minimum, VerificationModel.PartnerVerified,
            "lumen-wallet", Company: company), A.Policy);

    [Fact]
    public void Format_AnAddressCountryThatIsNotAlpha2_FailsNamingTheField()
    {
        var person = A.Person() with { Address = A.Person().Address! with { CountryCode = "COL" } };

        var result = AutomatedChecks.Format(With(person), Today);

        Assert.Equal((CheckOutcome.Fail, "Address.countryCode 'COL' is not an ISO 3166-1 alpha-2 country code."), (result.Outcome, result.Detail));
    }

    [Fact]
    public void Format_ABeneficialOwnersFields_AreNamedWithTheOwner()
    {
        var company = A.Company() with { Owners = [new BeneficialOwner { Person = A.Person() with { Nationality = "XX" }, OwnershipPercent = 60 }] };

        var result = AutomatedChecks.Format(Company(company), Today);

        Assert.Equal((CheckOutcome.Fail, "Owner 1 nationality 'XX' is not an ISO 3166-1 alpha-2 country code."), (result.Outcome, result.Detail));
    }

    [Theory]
    [InlineData("XX", "CO", "Countryofincorporation 'XX' is not an ISO 3166-1 alpha-2 country code.")]
    [InlineData("CO", "XX", "RegisteredAddress.countryCode 'XX' is not an ISO 3166-1 alpha-2 country code.")]
    public void Format_ACompanysCountries_FailNamingTheField(string incorporation, string registered, string expected)
    {
        var company = A.Company() with
        {
            CountryOfIncorporation = incorporation, RegisteredAddress = A.Company().RegisteredAddress! with { CountryCode = registered },
        };

        var result = AutomatedChecks.Format(Company(company), Today);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal(expected, result.Detail, ignoreCase: true);
    }

    [Theory]
    [InlineData("finanzas@andeslogistica", "Email 'finanzas@andeslogistica' is not an email address.")]
    [InlineData("6015550101", "Phone '6015550101' is not an E.164 number such as +573001234567.")]
    public void Format_ACompanysContact_FailsNamingTheField(string value, string expected)
    {
        var company = value.Contains('@') ? A.Company() with { Email = value } : A.Company() with { Phone = value };

        Assert.Equal(expected, AutomatedChecks.Format(Company(company), Today).Detail);
    }

    [Fact]
    public void Format_ADocumentsIssuingCountry_IsChecked()
    {
        var result = AutomatedChecks.Format(With(A.Person(), A.Passport() with { IssuingCountry = "ZZ" }), Today);

        Assert.Equal("Passport issuing country 'ZZ' is not an ISO 3166-1 alpha-2 country code.", result.Detail);
    }

    [Theory]
    [InlineData(-121, CheckOutcome.Fail)]
    [InlineData(-120, CheckOutcome.Pass)]
    public void Format_ABirthDateOverOneHundredAndTwentyYearsAgo_Fails(int years, CheckOutcome expected)
    {
        var result = AutomatedChecks.Format(With(A.Person() with { BirthDate = Today.AddYears(years) }), Today);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == CheckOutcome.Fail ? $"Birth date {Today.AddYears(years):yyyy-MM-dd} is more than 120 years ago."
            : "Email, phone, country codes and dates are well formed.", result.Detail);
    }

    [Fact]
    public void Format_AMistypedEmailDomain_WarnsWithTheLikelyOne()
    {
        var result = AutomatedChecks.Format(With(A.Person() with { Email = "camila@gmial.com" }), Today);

        Assert.Equal((CheckOutcome.Warn, "Email 'camila@gmial.com' looks mistyped (did they mean gmail.com?)."), (result.Outcome, result.Detail));
    }

    [Fact]
    public void Format_AProblemAndADoubt_FailsWithTheProblemOnly()
    {
        var result = AutomatedChecks.Format(With(A.Person() with { Email = "camila@gmial.com", Phone = "300" }), Today);

        Assert.Equal((CheckOutcome.Fail, "Phone '300' is not an E.164 number such as +573001234567."), (result.Outcome, result.Detail));
    }

    [Fact]
    public void AgeOfMajority_BornToday_IsUnderage_NotBornInTheFuture()
    {
        var result = AutomatedChecks.AgeOfMajority(With(A.Person() with { BirthDate = Today }), Settings, Today);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.DoesNotContain("future", result.Detail);
    }

    [Theory]
    [InlineData(0, CheckOutcome.Warn)]    // expires today: still valid today
    [InlineData(30, CheckOutcome.Warn)]   // the last day of "soon"
    [InlineData(31, CheckOutcome.Pass)]
    public void DocumentValidity_AtTheBoundaries(int days, CheckOutcome expected) =>
        Assert.Equal(expected, AutomatedChecks.DocumentValidity(With(A.Person(), A.Passport(Today.AddDays(days))), Settings, Today).Outcome);

    [Theory]
    [InlineData(2008, 11, 26, CheckOutcome.Fail)]   // 17, one day short
    [InlineData(2008, 11, 25, CheckOutcome.Pass)]   // 18 today
    [InlineData(2027, 1, 1, CheckOutcome.Fail)]     // born in the future
    public void AgeOfMajority_ByBirthDate(int year, int month, int day, CheckOutcome expected) =>
        Assert.Equal(expected, AutomatedChecks.AgeOfMajority(With(A.Person() with { BirthDate = new DateOnly(year, month, day) }), Settings, Today).Outcome);

    [Fact]
    public void AgeOfMajority_NoBirthDateYet_Warns()
    {
        var hosted = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted, "lumen-wallet"), A.Policy);

        Assert.Equal(CheckOutcome.Warn, AutomatedChecks.AgeOfMajority(hosted, Settings, Today).Outcome);
    }

    [Theory]
    [InlineData("Test", "User", CheckOutcome.Fail)]
    [InlineData("John", "Doe", CheckOutcome.Fail)]
    [InlineData("Ngozi", "Eze", CheckOutcome.Pass)]
    [InlineData("Aaaa", "Restrepo", CheckOutcome.Fail)]
    [InlineData("Camila2", "Restrepo", CheckOutcome.Fail)]
    [InlineData("Camila", "Restrepo", CheckOutcome.Pass)]
    public void Placeholders_KnownWordsRepeatsAndDigits_Fail(string first, string last, CheckOutcome expected) =>
        Assert.Equal(expected, AutomatedChecks.Placeholders(With(A.Person(first, last))).Outcome);

    [Fact]
    public void Placeholders_JaneDoeAsAFullName_Fails() =>
        Assert.Equal(CheckOutcome.Fail, AutomatedChecks.Placeholders(With(A.Person("Jane", "Doe"))).Outcome);

    [Theory]
    [InlineData(-1, CheckOutcome.Fail)]
    [InlineData(10, CheckOutcome.Warn)]
    [InlineData(200, CheckOutcome.Pass)]
    public void DocumentValidity_ByDaysToExpiry(int days, CheckOutcome expected) =>
        Assert.Equal(expected, AutomatedChecks.DocumentValidity(With(A.Person(), A.Passport(Today.AddDays(days))), Settings, Today).Outcome);

    [Fact]
    public void Duplicates_SameNationalId_FailsOtherSignalsWarn()
    {
        var other = Guid.NewGuid();

        var sameId = AutomatedChecks.Duplicates([new DuplicateMatch(other, "Camila Restrepo", DuplicateKind.NationalId)]);
        var sameEmail = AutomatedChecks.Duplicates([new DuplicateMatch(other, "Camila R.", DuplicateKind.Email)]);

        Assert.Equal(CheckOutcome.Fail, sameId.Outcome);
        Assert.Contains(other.ToString(), sameId.Detail);
        Assert.Equal(CheckOutcome.Warn, sameEmail.Outcome);
        Assert.Equal(CheckOutcome.Pass, AutomatedChecks.Duplicates([]).Outcome);
    }

    [Fact]
    public void Duplicates_EachSignal_IsNamedWithItsCustomers_AndTheyAreAllRelated()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var result = AutomatedChecks.Duplicates([
            new DuplicateMatch(a, "Camila Restrepo", DuplicateKind.Email),
            new DuplicateMatch(b, "Camila Restrepo", DuplicateKind.NameAndBirthDate),
            new DuplicateMatch(c, "Camila R.", DuplicateKind.NameAndBirthDate)]);

        Assert.Equal(CheckOutcome.Warn, result.Outcome);
        Assert.Equal($"The same email is used by customer Camila Restrepo ({a}). "
            + $"The same name and birth date are used by customer Camila Restrepo ({b}), Camila R. ({c}).", result.Detail);
        Assert.Equal([a, b, c], result.Related);
    }

    [Fact]
    public void Duplicates_ANationalIdAmongOthers_FailsNamingItFirst()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var result = AutomatedChecks.Duplicates([
            new DuplicateMatch(a, "Camila R.", DuplicateKind.Email), new DuplicateMatch(b, "Camila Restrepo", DuplicateKind.NationalId)]);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal($"The same national ID is used by customer Camila Restrepo ({b}). The same email is used by customer Camila R. ({a}).", result.Detail);
    }

    [Fact]
    public void DocumentValidity_NoIdentityDocument_SaysSo_AndAProofOfAddressIsNotAnIdentityDocument()
    {
        var result = AutomatedChecks.DocumentValidity(With(A.Person(), A.ProofOfAddress()), Settings, Today);

        Assert.Equal((CheckOutcome.Pass, "No identity document to check yet."), (result.Outcome, result.Detail));
        Assert.Equal("Identity documents are valid.", AutomatedChecks.DocumentValidity(With(A.Person()), Settings, Today).Detail);
    }

    [Theory]
    [InlineData("KP", CheckOutcome.Fail)]
    [InlineData("CO", CheckOutcome.Pass)]
    public void Eligibility_UnsupportedCountry_Fails(string nationality, CheckOutcome expected) =>
        Assert.Equal(expected, AutomatedChecks.Eligibility(With(A.Person() with { Nationality = nationality }), Settings).Outcome);

    [Fact]
    public void Eligibility_BusinessIncorporatedInAnUnsupportedCountry_Fails()
    {
        var business = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Minimum,
            VerificationModel.Hosted, "lumen-wallet", Company: A.Company() with { CountryOfIncorporation = "IR" }), A.Policy);

        Assert.Equal(CheckOutcome.Fail, AutomatedChecks.Eligibility(business, Settings).Outcome);
    }

    [Fact]
    public void Countries_KnowsTheIsoList()
    {
        Assert.True(Countries.IsAlpha2("CO"));
        Assert.True(Countries.IsAlpha2("zw"));
        Assert.False(Countries.IsAlpha2("UK"));
        Assert.False(Countries.IsAlpha2("XX"));
    }

    [Fact]
    public void UnsupportedCountry_AddedByAnAdmin_IsNormalised()
    {
        var country = UnsupportedCountry.Add(Actor.Admin("staff-admin", "Ada Admin"), A.T0, " ve ", " Licence. ");

        Assert.Equal(("VE", "Licence.", "Ada Admin"), (country.Code, country.Reason, country.AddedBy));
    }

    [Fact]
    public void UnsupportedCountry_ByAnyoneButAnAdmin_OrMalformed_IsRefused()
    {
        Assert.Throws<DomainRuleException>(() => UnsupportedCountry.Add(A.Reviewer, A.T0, "VE", "Licence."));
        Assert.Throws<DomainRuleException>(() => UnsupportedCountry.Add(A.Partner, A.T0, "VE", "Licence."));
        var admin = Actor.Admin("staff-admin", "Ada Admin");
        Assert.Throws<DomainRuleException>(() => UnsupportedCountry.Add(admin, A.T0, "VEN", "Licence."));
        Assert.Throws<DomainRuleException>(() => UnsupportedCountry.Add(admin, A.T0, "VE", ""));
        Assert.Throws<DomainRuleException>(() => UnsupportedCountry.Add(admin, A.T0, "VE", new string('r', UnsupportedCountry.MaxReasonLength + 1)));
    }

    [Theory]
    [InlineData("0001-01-01", CheckOutcome.Fail)]
    [InlineData("1906-11-24", CheckOutcome.Fail)]
    [InlineData("1906-11-25", CheckOutcome.Pass)]
    public void Format_ABirthDateOverAHundredAndTwentyYearsAgo_Fails(string born, CheckOutcome expected)
    {
        var result = AutomatedChecks.Format(With(A.Person() with { BirthDate = Wire.Date(born) }), Today);

        Assert.Equal(expected, result.Outcome);
        if (expected == CheckOutcome.Fail)
        {
            Assert.Contains($"Birth date {born} is more than 120 years ago", result.Detail);
        }
    }

    [Theory]
    [InlineData("camila@gmial.com", CheckOutcome.Warn)]
    [InlineData("camila@hotmial.com", CheckOutcome.Warn)]
    [InlineData("camila@gmail.com", CheckOutcome.Pass)]
    [InlineData("camila@", CheckOutcome.Fail)]
    public void Format_MistypedEmailDomain_Warns(string email, CheckOutcome expected)
    {
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Minimum,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person() with { Email = email }), A.Policy);

        Assert.Equal(expected, AutomatedChecks.Format(customer, Today).Outcome);
    }

    [Theory]
    [InlineData("J.", CheckOutcome.Warn)]
    [InlineData("M", CheckOutcome.Warn)]
    [InlineData("Jo", CheckOutcome.Pass)]
    public void Placeholders_AnInitial_Warns(string first, CheckOutcome expected)
    {
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Minimum,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person(first: first)), A.Policy);

        Assert.Equal(expected, AutomatedChecks.Placeholders(customer).Outcome);
    }

    [Fact]
    public void Eligibility_AnOwnerTiedToAnUnsupportedCountry_WarnsForEnhancedDueDiligence()
    {
        var company = A.Company() with { Owners = [new BeneficialOwner { Person = A.Person("Omid", "Rahimi") with { Nationality = "IR" }, OwnershipPercent = 30 }] };
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", Company: company), A.Policy);

        var result = AutomatedChecks.Eligibility(customer, CheckSettings.Default);

        Assert.Equal(CheckOutcome.Warn, result.Outcome);
        Assert.Contains("Omid Rahimi is tied to IR", result.Detail);
    }
}
