using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.E2E;

/// <summary>
/// Masked personal data, per role, as the browser receives it: every page load and every message of the circuit is
/// searched for each value, so "masked" means never sent, not hidden by CSS. Then a reveal, audited, for one page.
/// </summary>
public sealed class PersonalDataJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string NationalId = "ZX-4417-9921";
    private const string OldStreet = "Calle Falsa 742";
    private const string Street = "Paseo del Prado 18";
    private const string Postal = "28014";
    private const string BirthDate = "1988-07-19";
    private const string Email = "m.ortega@example.es";
    private const string Phone = "+34600111222";
    private const string City = "Madrid";

    /// <summary>An active customer whose address was updated once: the old street is only in the history.</summary>
    private async Task<Customer> SeedAsync()
    {
        var person = A.Person("Marta", "Ortega") with
        {
            NationalId = NationalId, BirthDate = DateOnly.Parse(BirthDate), Email = Email, Phone = Phone, Nationality = "ES",
            Address = new Address { Line1 = OldStreet, City = City, PostalCode = "28013", CountryCode = "ES" },
        };
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        var customer = Customer.Create(A.Partner, at, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", "ref-ortega", person, Documents: [A.Passport()], LivenessAttested: true), A.Policy);
        customer.AcceptDocument(A.Reviewer, at.AddHours(1), customer.Documents[0].Id);
        customer.Approve(A.Reviewer, at.AddHours(2), A.Policy);
        customer.SubmitUpdate(A.Partner, at.AddDays(1), new CustomerChanges(person with
        {
            Address = new Address { Line1 = Street, City = City, PostalCode = Postal, CountryCode = "ES" },
        }));
        customer.ApproveUpdate(A.Reviewer, at.AddDays(1).AddHours(1), A.Policy);
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    /// <summary>Everything the browser received while the page was used: its HTML and every circuit message.</summary>
    private sealed class Received
    {
        private readonly StringBuilder text = new();

        public Received(IPage page)
        {
            page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            {
                lock (text)
                {
                    text.Append(frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []));
                }
            };
        }

        public async Task AddPageAsync(IPage page)
        {
            var html = await page.ContentAsync();
            lock (text)
            {
                text.Append(html);
            }
        }

        public bool Contains(string value)
        {
            lock (text)
            {
                return text.ToString().Contains(value, StringComparison.Ordinal);
            }
        }
    }

    private async Task<Received> BrowseAsync(string role, Guid customerId, string screenshot)
    {
        var page = await browser.NewPageAsync();
        var received = new Received(page);
        await new LoginPage(page).SignInAsync(OpsAppFactory.DemoEmailByRole[role], OpsAppFactory.DemoPassword);
        await page.GotoAsync($"/customers/{customerId}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await new CustomerPage(page).WaitAsync();
        await received.AddPageAsync(page);
        await new ShellPage(page).ScreenshotAsync(screenshot);
        foreach (var tab in new[] { "Profile", "Documents", "Checks", "History", "Product access", "Audit" })
        {
            var link = page.GetByRole(AriaRole.Tab, new() { Name = tab });
            if (await link.CountAsync() > 0)
            {
                await link.ClickAsync();
                await page.WaitForTimeoutAsync(150);
                await received.AddPageAsync(page);
            }
        }
        await page.CloseAsync();
        return received;
    }

    public static TheoryData<string, string[], string[]> Matrix => new()
    {
        // Role, what it sees, what it never receives.
        { StaffRoles.Reviewer, [NationalId, BirthDate, Street, OldStreet, Email, Phone, City], [] },
        { StaffRoles.Admin, [NationalId, BirthDate, Street, Email, Phone], [] },
        { StaffRoles.Compliance, [NationalId, BirthDate, Street, Email], [] },
        { StaffRoles.Support, ["Marta Ortega", Email, Phone, City, "1988-••-••"], [NationalId, BirthDate, Street, OldStreet, Postal] },
        { StaffRoles.ProductApprover, ["Marta Ortega"], [NationalId, BirthDate, Street, OldStreet, Postal, Email, Phone, City] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRole_ReceivesOnlyThePersonalDataItMaySee(string role, string[] sees, string[] neverReceives)
    {
        var customer = await SeedAsync();

        var received = await BrowseAsync(role, customer.Id, $"personal-data-{role.ToLowerInvariant()}");

        Assert.All(sees, value => Assert.True(received.Contains(value), $"{role} should see {value}."));
        Assert.All(neverReceives, value => Assert.False(received.Contains(value), $"{role} received {value}."));
    }

    [Fact]
    public async Task Support_RevealsTheNationalId_ForThisPageOnly_AndTheRevealIsAudited()
    {
        var customer = await SeedAsync();
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Support, OpsAppFactory.DemoPassword);
        await page.GotoAsync($"/customers/{customer.Id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await new CustomerPage(page).WaitAsync();
        var profile = page.Locator(".mud-tabs-panels");
        await Assertions.Expect(profile).Not.ToContainTextAsync(NationalId);

        var bar = page.GetByTestId("masked-data");
        await Assertions.Expect(bar).ToContainTextAsync("Masked for your role: national id and registration number, birth date, street address");
        await bar.GetByTestId("reveal-field").ClickAsync();
        await MudLists.PickAsync(page, "National id and registration number");
        await bar.GetByTestId("reveal-reason").ClickAsync();
        await MudLists.PickAsync(page, "Fraud investigation");
        await new ShellPage(page).ScreenshotAsync("personal-data-reveal");
        await bar.GetByTestId("reveal").ClickAsync();
        await Assertions.Expect(profile).ToContainTextAsync(NationalId);
        await Assertions.Expect(profile).Not.ToContainTextAsync(Street);

        await new CustomerPage(page).OpenTabAsync("Audit");
        var revealed = page.GetByTestId("audit").Locator("tr", new() { HasText = "personal_data_revealed" });
        await Assertions.Expect(revealed).ToContainTextAsync("Sana Support");
        await Assertions.Expect(revealed).ToContainTextAsync("Fraud investigation");

        // Opened again, the page starts masked.
        await page.ReloadAsync();
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await new CustomerPage(page).WaitAsync();
        await Assertions.Expect(page.GetByTestId("masked-data")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-tabs-panels")).Not.ToContainTextAsync(NationalId);
    }
}
