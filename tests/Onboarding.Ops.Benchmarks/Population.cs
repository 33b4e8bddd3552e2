using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Benchmarks;

/// <summary>
/// Fills a database with N customers made through the domain's verbs (so each has its audit entries), in batches
/// saved by one short-lived context each, plus one customer with 5,000 history entries.
/// </summary>
public static class Population
{
    private const int Batch = 5_000;
    private static readonly string[] Partners = ["lumen-wallet", "paygo-mobile", "atlas-freight-pay", "colibri-remesas", "nordpay-business"];
    private static readonly string[] FirstNames = ["Camila", "Diego", "Lena", "Aarav", "Chiamaka", "Zofia", "Emily", "João", "Andrea", "Hugo"];
    private static readonly string[] LastNames = ["Restrepo", "Hernández", "Müller", "Sharma", "Okafor", "Nowak", "Johnson", "Silva", "Santos", "Ruiz"];

    public static async Task<Guid> FillAsync(Func<OpsDbContext> contexts, int size, DateTimeOffset now)
    {
        await using (var db = contexts())
        {
            foreach (var id in Partners)
            {
                db.Partners.Add(new Partner(id, id));
            }
            await db.SaveChangesAsync();
        }

        var random = new Random(7);
        var reviewer = Actor.Reviewer("bench-reviewer", "Bench Reviewer");
        for (var done = 0; done < size; done += Batch)
        {
            await using var db = contexts();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(size, done + Batch); i++)
            {
                var customer = Make(i, random, reviewer, now);
                db.Customers.Add(customer);
                if (Card(customer, random, now) is { } request)
                {
                    db.AccessRequests.Add(request);
                }
            }
            await db.SaveChangesAsync();
        }
        return await LongHistoryAsync(contexts, reviewer, now);
    }

    /// <summary>A third of the active individuals asked for a card a few hours after approval; most were granted it.</summary>
    private static AccessRequest? Card(Customer customer, Random random, DateTimeOffset now)
    {
        if (customer.Status != CustomerStatus.Active || customer.Type != CustomerType.Individual || random.Next(3) != 0 || customer.StatusChangedAt.AddHours(6) >= now)
        {
            return null;
        }
        var partner = Actor.Partner(customer.PartnerId, customer.PartnerId);
        var request = AccessRequest.Request(partner, customer.StatusChangedAt.AddHours(1), customer,
            new ProductChoice(Product.Cards, "virtual-usd-visa"), []).Created!;
        var approver = Actor.ProductApprover("bench-approver", "Bench Approver");
        if (random.Next(5) == 0)
        {
            request.Reject(approver, customer.StatusChangedAt.AddHours(5), ["product_requirements_not_met"], "Not eligible for this card.", null);
        }
        else
        {
            request.Grant(approver, customer.StatusChangedAt.AddHours(5), customer, RequirementPolicy.Default);
        }
        return request;
    }

    private static Customer Make(int i, Random random, Actor reviewer, DateTimeOffset now)
    {
        var at = now.AddMinutes(-random.Next(1, 90 * 24 * 60));
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var partner = Partners[random.Next(Partners.Length)];
        var person = new PersonData
        {
            FirstName = first, LastName = $"{last}{i % 997}", BirthDate = new DateOnly(1960 + random.Next(40), 1 + random.Next(12), 1 + random.Next(28)),
            Nationality = "CO", Email = $"{first}.{last}.{i}@example.com".ToLowerInvariant(), Phone = $"+57300{i:D7}",
            Address = new Address { Line1 = "Carrera 7 # 71-21", City = "Bogotá", PostalCode = "110231", CountryCode = "CO" },
            NationalId = $"NID{i:D9}",
        };
        var type = random.Next(4) == 0 ? CustomerType.Business : CustomerType.Individual;
        var customer = type == CustomerType.Individual
            ? Customer.Create(Actor.Partner(partner, partner), at, new NewCustomer(type, VerificationLevel.Basic, VerificationModel.PartnerVerified,
                partner, $"REF{i:D9}", person, Documents: [new NewDocument(DocumentType.Passport, "CO", ExpiresOn: new DateOnly(2031, 1, 1))],
                LivenessAttested: true), RequirementPolicy.Default)
            : Customer.Create(Actor.Partner(partner, partner), at, new NewCustomer(type, VerificationLevel.Minimum, VerificationModel.Hosted,
                partner, $"REF{i:D9}", Company: new CompanyData
                {
                    LegalName = $"{last} Holdings {i}", RegistrationNumber = $"RN{i:D9}", CountryOfIncorporation = "CO",
                    Email = $"finance.{i}@corp.example", Phone = $"+57601{i:D7}",
                }), RequirementPolicy.Default);

        var later = at.AddHours(1 + random.Next(48));
        if (later >= now)
        {
            return customer;
        }
        switch (random.Next(10))
        {
            case < 3:
                break; // waiting for review
            case 3:
                customer.RequestInformation(reviewer, later, [new ChecklistRequest(Domain.Requirements.RequirementCode.Phone, "Confirm your phone.")], "Please confirm your phone number.");
                break;
            case 4:
                customer.PutOnHold(reviewer, later, "Screening", random.Next(2) == 0 ? later.AddDays(random.Next(1, 10)) : null);
                break;
            case 5:
                customer.Reject(reviewer, later, ["name_mismatch"], false, "The name does not match.", null);
                break;
            default:
                foreach (var document in customer.Documents)
                {
                    customer.AcceptDocument(reviewer, later, document.Id);
                }
                customer.Approve(reviewer, later, RequirementPolicy.Default);
                break;
        }
        return customer;
    }

    /// <summary>One customer with 5,000 history entries: holds and releases, day after day.</summary>
    private static async Task<Guid> LongHistoryAsync(Func<OpsDbContext> contexts, Actor reviewer, DateTimeOffset now)
    {
        var start = now.AddDays(-400);
        var customer = Customer.Create(Actor.Partner(Partners[0], Partners[0]), start, new NewCustomer(CustomerType.Individual,
            VerificationLevel.Minimum, VerificationModel.PartnerVerified, Partners[0], "REF-LONG",
            new PersonData { FirstName = "Long", LastName = "History", BirthDate = new DateOnly(1980, 1, 1), Nationality = "CO", Email = "long.history@example.com", Phone = "+573001112233" }),
            RequirementPolicy.Default);
        for (var i = 0; i < 2_500; i++)
        {
            customer.PutOnHold(reviewer, start.AddHours(2 * i + 1), $"Periodic review {i}", null);
            customer.Release(reviewer, start.AddHours(2 * i + 2), $"Review {i} done");
        }
        await using var db = contexts();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }
}
