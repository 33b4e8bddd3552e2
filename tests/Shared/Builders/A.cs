using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Testing;

/// <summary>Test data builders: customers in every status, made through the domain's own verbs.</summary>
public static class A
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly RequirementPolicy Policy = RequirementPolicy.Default;

    public static readonly Actor Partner = Actor.Partner("lumen-wallet", "Lumen Wallet");
    public static readonly Actor EndUser = Actor.EndUser("end-user", "End user");
    public static readonly Actor Reviewer = Actor.Reviewer("staff-reviewer", "Rui Reviewer");
    public static readonly Actor Support = Actor.Support("staff-support", "Sana Support");
    public static readonly Actor Approver = Actor.ProductApprover("staff-approver", "Pablo Approver");

    public static PersonData Person(string first = "Camila", string last = "Restrepo") => new()
    {
        FirstName = first,
        LastName = last,
        BirthDate = new DateOnly(1991, 4, 17),
        Nationality = "CO",
        Email = "camila.restrepo@example.co",
        Phone = "+573001234567",
        Address = new Address { Line1 = "Carrera 7 # 71-21", City = "Bogotá", PostalCode = "110231", CountryCode = "CO" },
        NationalId = "1020304050",
    };

    /// <summary>A person's complete source-of-funds questionnaire.</summary>
    public static SourceOfFundsAnswers Questionnaire() => new()
    {
        Occupation = "Logistics analyst",
        EmploymentStatus = Domain.Customers.EmploymentStatus.Employed,
        Source = FundsSource.Salary,
        ExpectedMonthlyVolume = MonthlyVolume.From1000To10000,
        Purpose = "Receiving salary and paying suppliers abroad",
    };

    /// <summary>A company's complete source-of-funds questionnaire.</summary>
    public static SourceOfFundsAnswers CompanyQuestionnaire() => new()
    {
        BusinessActivity = "Freight forwarding",
        Source = FundsSource.BusinessRevenue,
        ExpectedMonthlyVolume = MonthlyVolume.From50000To250000,
        CountriesOfOperation = ["CO", "PE"],
    };

    public static NewDocument Passport(DateOnly? expires = null) =>
        new(DocumentType.Passport, "CO", ExpiresOn: expires ?? new DateOnly(2031, 5, 1));

    /// <summary>The hosted flow's liveness evidence for a person.</summary>
    public static NewDocument Selfie() => new(DocumentType.Selfie);

    public static NewDocument ProofOfAddress(DateOnly? issued = null) =>
        new(DocumentType.ProofOfAddress, "CO", IssuedOn: issued ?? new DateOnly(2026, 10, 20));

    public static CompanyData Company(bool withOwner = true) => new()
    {
        LegalName = "Andes Logística S.A.S.",
        RegistrationNumber = "901234567-8",
        CountryOfIncorporation = "CO",
        Email = "finanzas@andeslogistica.co",
        Phone = "+576015550101",
        RegisteredAddress = new Address { Line1 = "Calle 93 # 11-27", City = "Bogotá", PostalCode = "110221", CountryCode = "CO" },
        Owners = withOwner ? [new BeneficialOwner { Person = Person("Mateo", "Quintero"), OwnershipPercent = 60 }] : [],
    };

    /// <summary>A partner-verified individual at basic level with complete data and a passport, pending review.</summary>
    /// <summary>A possible sanctions match of the customer built by <see cref="Person"/> on a fictional list.</summary>
    public static Domain.Screening.ScreeningHit Hit(bool pep = false, PersonData? person = null) => new()
    {
        List = "Demo sanctions", ListVersion = 1, EntryId = pep ? "demo-pep-1" : "demo-p-9", EntryName = "Camila Restrepo Vélez",
        EntryNames = ["Camila Restrepo Vélez"], EntryBirthDates = ["1963"], EntryCountries = ["ve"],
        Programmes = pep ? [] : ["Fictional Sanctions Programme A"], Dataset = pep ? "demo_peps" : "demo_sanctions", IsPep = pep,
        ScreenedName = "Camila Restrepo", MatchedName = "Camila Restrepo Vélez", Score = 0.87, Matched = ["name"],
        Basis = Domain.Screening.ScreenedParty.Of("customer", person ?? Person()).Basis,
    };

    public static Customer Pending(VerificationLevel level = VerificationLevel.Basic, DateTimeOffset? at = null)
    {
        IReadOnlyList<NewDocument> documents = level == VerificationLevel.Advanced ? [Passport(), ProofOfAddress()] : [Passport()];
        return Customer.Create(Partner, at ?? T0,
            new NewCustomer(CustomerType.Individual, level, VerificationModel.PartnerVerified, "lumen-wallet", "ref-001",
                Person(), Documents: level == VerificationLevel.Minimum ? [] : documents, LivenessAttested: true), Policy);
    }

    /// <summary>Pending with every document accepted: approvable.</summary>
    public static Customer Approvable(VerificationLevel level = VerificationLevel.Basic)
    {
        var customer = Pending(level);
        foreach (var document in customer.Documents.ToList())
        {
            customer.AcceptDocument(Reviewer, T0.AddHours(1), document.Id);
        }
        return customer;
    }

    public static Customer HostedEmpty() => Customer.Create(Partner, T0,
        new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted, "lumen-wallet"), Policy);

    /// <summary>A hosted customer created with its data, passport and selfie, pending review.</summary>
    public static Customer HostedWithData() => Customer.Create(Partner, T0,
        new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted, "lumen-wallet", Person: Person(),
            Documents: [Passport(), Selfie()]), Policy);

    /// <summary>A hosted customer a reviewer asked for one item.</summary>
    public static Customer HostedAskedFor(RequirementCode code, string instruction)
    {
        var customer = HostedWithData();
        customer.RequestInformation(Reviewer, T0.AddHours(1), [new(code, instruction)], "One more thing is needed.");
        return customer;
    }

    public static Customer Active(VerificationLevel level = VerificationLevel.Basic)
    {
        var customer = Approvable(level);
        customer.Approve(Reviewer, T0.AddHours(2), Policy);
        return customer;
    }

    /// <summary>Active, approved at T0 + 2 h with a passport expiring at T0 + 3 days: its periodic review is due from then.</summary>
    public static Customer ActiveDueForReview()
    {
        var customer = Customer.Create(Partner, T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", "ref-002", Person(), Documents: [Passport(DateOnly.FromDateTime(T0.AddDays(3).UtcDateTime))],
            LivenessAttested: true), Policy);
        customer.AcceptDocument(Reviewer, T0.AddHours(1), customer.Documents[0].Id);
        customer.Approve(Reviewer, T0.AddHours(2), Policy);
        return customer;
    }

    /// <summary>A hosted customer with its data, passport and selfie accepted: approvable.</summary>
    public static Customer HostedApprovable()
    {
        var customer = HostedWithData();
        foreach (var document in customer.Documents.ToList())
        {
            customer.AcceptDocument(Reviewer, T0.AddHours(1), document.Id);
        }
        return customer;
    }

    public static Customer InStatus(CustomerStatus status, VerificationModel model = VerificationModel.PartnerVerified)
    {
        Customer Approvable() => model == VerificationModel.Hosted ? HostedApprovable() : A.Approvable();
        Customer Active()
        {
            var customer = Approvable();
            customer.Approve(Reviewer, T0.AddHours(2), Policy);
            return customer;
        }
        switch (status)
        {
            case CustomerStatus.Pending:
                return Approvable();
            case CustomerStatus.NeedsInformation:
                var needs = Approvable();
                needs.RequestInformation(Reviewer, T0.AddHours(3), [new(RequirementCode.IdentityDocument, "Send a sharper photo of your passport.")],
                    "Please send a clearer copy of your passport.");
                return needs;
            case CustomerStatus.Active:
                return Active();
            case CustomerStatus.Rejected:
                var rejected = Approvable();
                rejected.Reject(Reviewer, T0.AddHours(3), ["name_mismatch"], false, "The name does not match the passport.", "Typo suspected.");
                return rejected;
            case CustomerStatus.UpdateRequested:
                var updating = Active();
                updating.SubmitUpdate(Partner, T0.AddHours(4), new CustomerChanges(Person: Person(last: "Restrepo Gómez")));
                return updating;
            case CustomerStatus.OnHold:
                var held = Approvable();
                held.PutOnHold(Reviewer, T0.AddHours(3), "Waiting for the sanctions screening provider.", T0.AddDays(3));
                return held;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
    }

    public static AccessRequest CardRequest(Customer customer, DateTimeOffset? at = null) =>
        AccessRequest.Request(Partner, at ?? T0.AddHours(5), customer, new ProductChoice(Product.Cards, "virtual-usd-visa"), []).Created!;
}
