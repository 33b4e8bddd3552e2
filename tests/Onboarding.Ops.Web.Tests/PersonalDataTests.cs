using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The field policy per role, the mask it makes of a customer, and reveals.</summary>
public sealed class PersonalDataMaskTests
{
    private static readonly PersonData Person = A.Person("Marta", "Ortega") with
    {
        NationalId = "ZX-4417-9921", BirthDate = new DateOnly(1988, 7, 19), Email = "m.ortega@example.es", Phone = "+34600111222",
        Nationality = "ES", Address = new Address { Line1 = "Paseo del Prado 18", City = "Madrid", PostalCode = "28014", CountryCode = "ES" },
    };

    private static Customer Customer() => Domain.Customers.Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual,
        VerificationLevel.Basic, VerificationModel.PartnerVerified, "lumen-wallet", null, Person, Documents: [A.Passport()]), A.Policy);

    private static ClaimsPrincipal Staff(params string[] roles) =>
        new(new ClaimsIdentity([.. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    public static TheoryData<string, PersonalField[]> Policy => new()
    {
        { StaffRoles.Admin, [] },
        { StaffRoles.Reviewer, [] },
        { StaffRoles.Compliance, [] },
        { StaffRoles.Support, [PersonalField.Identifier, PersonalField.BirthDate, PersonalField.StreetAddress] },
        { StaffRoles.ProductApprover, Enum.GetValues<PersonalField>() },
    };

    [Theory]
    [MemberData(nameof(Policy))]
    public void EachRole_HasItsFieldsMasked(string role, PersonalField[] hidden) =>
        Assert.Equal(hidden.Order(), PersonalDataMask.HiddenFrom(Staff(role)).Order());

    [Fact]
    public void AFieldIsShown_WhenAnyOfTheRolesMaySeeIt_AndHiddenFromStaffWithoutARole()
    {
        Assert.Empty(PersonalDataMask.HiddenFrom(Staff(StaffRoles.Support, StaffRoles.Reviewer)));
        Assert.Equal(3, PersonalDataMask.HiddenFrom(Staff(StaffRoles.Support, StaffRoles.ProductApprover)).Count);
        Assert.Equal(Enum.GetValues<PersonalField>().Length, PersonalDataMask.HiddenFrom(Staff()).Count);
    }

    [Fact]
    public void SupportsMask_ReplacesTheValuesInAnyText_KeepingTheYearOfBirth()
    {
        var mask = PersonalDataMask.For(PersonalDataMask.HiddenFrom(Staff(StaffRoles.Support)), [Customer()]);

        Assert.Equal("National ID ••••21, born 1988-••-••, lives at ••••••, Madrid, ••••••, ES; m.ortega@example.es",
            mask.Scrub("National ID ZX-4417-9921, born 1988-07-19, lives at Paseo del Prado 18, Madrid, 28014, ES; m.ortega@example.es"));
    }

    [Fact]
    public void ChangeListsAndEvidence_AreMaskedByField_EvenForValuesTheCustomerNoLongerHas()
    {
        var mask = PersonalDataMask.For(PersonalDataMask.HiddenFrom(Staff(StaffRoles.Support)), [Customer()]);
        const string details = """{"changes":[{"field":"nationalId","old":"OLD-1234567","new":"ZX-4417-9921"},{"field":"phone","old":"+34 1","new":"+34 2"}],"evidence":["National ID: OLD-1234567","Birth date: 1970-01-02"]}""";

        var scrubbed = mask.ScrubJson(details);

        Assert.DoesNotContain("OLD-1234567", scrubbed);
        Assert.DoesNotContain("ZX-4417-9921", scrubbed);
        Assert.DoesNotContain("1970-01-02", scrubbed);
        Assert.Contains("1970-••-••", scrubbed);
        Assert.Contains("\"+34 2\"", scrubbed);
    }

    [Fact]
    public void WithoutAMask_AComponentShowsNothingPersonal()
    {
        Assert.Equal(PersonalDataMask.Dots, PersonalDataMask.Withheld.Scrub("ZX-4417-9921"));
        Assert.Equal("ZX-4417-9921", PersonalDataMask.Nothing.Scrub("ZX-4417-9921"));
    }
}

/// <summary>Reveals through the service, on the real database: audited, refused where the role may not, for one page.</summary>
public sealed class RevealTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });

    private async Task<Customer> SavedAsync()
    {
        var customer = A.Approvable();
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task Support_RevealsWithAReason_TheViewShowsIt_AndTheTrailSaysWhoAndWhy()
    {
        var customer = await SavedAsync();

        var (result, masked, revealed) = await app.RunAsAsync(OpsAppFactory.Support, async (IServiceProvider services) =>
        {
            var record = services.GetRequiredService<CustomerRecord>();
            var before = (await record.GetAsync(customer.Id))!;
            var done = await services.GetRequiredService<Reveals>().RevealAsync(customer.Id, PersonalField.Identifier, Reveals.Reasons[1]);
            var after = (await record.GetAsync(customer.Id))!;
            return (done, before.Mask!.Scrub(customer.NationalId), after.Mask!.Scrub(customer.NationalId));
        });

        Assert.True(result.Succeeded, result.Message);
        Assert.NotEqual(customer.NationalId, masked);
        Assert.Equal(customer.NationalId, revealed);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.CustomerId == customer.Id && e.Action == Reveals.Action);
        Assert.Equal(("Sana Support", "Fraud investigation"), (entry.ActorName, entry.Note));
        Assert.Contains("national id", entry.Details);
    }

    [Fact]
    public async Task AReveal_WithoutAListedReason_OrOfAFieldNotMasked_IsRefused_AndAProductApproverMayNotReveal()
    {
        var customer = await SavedAsync();

        var noReason = await app.RunAsAsync<Reveals, Features.Customers.DecisionResult>(OpsAppFactory.Support, r => r.RevealAsync(customer.Id, PersonalField.Identifier, "curious"));
        var notMasked = await app.RunAsAsync<Reveals, Features.Customers.DecisionResult>(OpsAppFactory.Support, r => r.RevealAsync(customer.Id, PersonalField.Contact, Reveals.Reasons[0]));
        await Assert.ThrowsAsync<StaffForbiddenException>(() =>
            app.RunAsAsync<Reveals, Features.Customers.DecisionResult>(OpsAppFactory.ProductApprover, r => r.RevealAsync(customer.Id, PersonalField.Identifier, Reveals.Reasons[0])));

        Assert.Equal(DecisionOutcome.Refused, noReason.Outcome);
        Assert.Equal(DecisionOutcome.Refused, notMasked.Outcome);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.CustomerId == customer.Id && e.Action == Reveals.Action));
    }
}
