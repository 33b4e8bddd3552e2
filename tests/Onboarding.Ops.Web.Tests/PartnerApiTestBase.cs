using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Partners;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// What every partner API test needs: an app on real SQLite without demo customers (one per class, its database as new
/// for each test), keys, clients, customers.
/// </summary>
public abstract class PartnerApiTestBase(SharedApp shared, Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    : IClassFixture<SharedApp>
{
    protected readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?>(settings ?? []) { ["DemoData:Customers"] = "0" }, clock);

    protected OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    protected Task<T> AsAdmin<T>(Func<PartnerDirectory, Task<T>> act) => app.RunAsAsync(OpsAppFactory.Admin, act);

    protected async Task<string> KeyOfAsync(string partnerId)
    {
        var partner = (await AsAdmin(d => d.ListAsync())).Single(p => p.Id == partnerId);
        var issued = await AsAdmin(d => d.IssueKeyAsync(partnerId, partner.Version));
        return issued.Secret!;
    }

    protected HttpClient Client(string? key)
    {
        var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    protected static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    protected async Task<Customer> CustomerOfAsync(string partnerId)
    {
        var customer = Customer.Create(Domain.Actor.Partner(partnerId, partnerId), A.T0, new NewCustomer(CustomerType.Individual,
            VerificationLevel.Basic, VerificationModel.Hosted, partnerId, "REF-1", A.Person()), A.Policy);
        await using var db = Db();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    protected async Task<HttpResponseMessage> PostAsync(string key, string json) =>
        await Client(key).PostAsync("/api/v1/customers", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    protected async Task<Customer> ActiveCustomerOfAsync(string partnerId)
    {
        var customer = A.Active();
        await using var db = Db();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        Assert.Equal(partnerId, customer.PartnerId);
        return customer;
    }
}
