using System.Net;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Data;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>A queue view as CSV: exactly the view's customers in its order, for those who see customers, audited.</summary>
public sealed class QueueExportTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start();

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    [Theory]
    [InlineData(StaffRoles.Reviewer)]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.Admin)]
    public async Task Export_OfAView_ListsItsCustomersInItsOrder_AndIsAudited(string role)
    {
        var filter = new QueueFilter { View = QueueView.All, Type = Domain.Customers.CustomerType.Individual, Sort = QueueSort.Name };
        var email = OpsAppFactory.DemoEmailByRole[role];
        using var client = await app.SignedInClientAsync(email);

        var response = await client.GetAsync(QueueExport.UrlOf(filter));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var csv = CsvReader.FromText(await response.Content.ReadAsStringAsync(), null);
        var lines = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            lines.Add(QueueExport.Columns.ToDictionary(c => c, c => csv.GetString(c)));
        }
        var page = await app.RunAsAsync<CustomerQueue, QueuePage>(email, q => q.PageAsync(filter with { PageSize = 100 }));
        Assert.Equal(page.Total, lines.Count);
        Assert.Equal(page.Rows.Select(r => r.Id.ToString()), lines.Select(l => l["Id"]));
        Assert.Equal(page.Rows.Select(r => r.Name), lines.Select(l => l["Name"]));
        Assert.All(lines, l => Assert.Equal("individual", l["Type"]));
        Assert.Equal(QueueExport.Columns, csv.Headers);

        await using var db = Db();
        var audit = await db.AuditEntries.Where(e => e.Action == "queue_exported").OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(email, (await db.Users.SingleAsync(u => u.Id == audit.ActorId)).Email);
        Assert.Contains("\"view\":\"?view=all&type=individual&sort=name\"", audit.Details);
        Assert.Contains($"\"rows\":{lines.Count}", audit.Details);
    }

    [Fact]
    public async Task Export_AsSupport_CarriesNoPersonalDataItsRoleMasks()
    {
        using var client = await app.SignedInClientAsync(OpsAppFactory.Support);

        var csv = await (await client.GetAsync(QueueExport.UrlOf(new QueueFilter { View = QueueView.All }))).Content.ReadAsStringAsync();

        await using var db = Db();
        var customers = await db.Customers.AsNoTracking().Where(c => c.NationalId != null).ToListAsync();
        Assert.NotEmpty(customers);
        Assert.All(customers, c =>
        {
            Assert.Contains(c.Name, csv);
            Assert.DoesNotContain(c.NationalId!, csv);
            Assert.DoesNotContain(c.BirthDate!.Value.ToString("yyyy-MM-dd"), csv);
            Assert.DoesNotContain(c.Person!.Address!.Line1, csv);
        });
    }

    [Fact]
    public async Task Export_ForAProductApprover_OrAnonymous_GivesNoFile_AndAuditsNothing()
    {
        using var approver = await app.SignedInClientAsync(OpsAppFactory.ProductApprover);
        using var anonymous = app.AnonymousClient();
        await using var before = Db();
        var exports = await before.AuditEntries.CountAsync(e => e.Action == "queue_exported");

        var asApprover = await approver.GetAsync(QueueExport.Path);
        var asAnonymous = await anonymous.GetAsync(QueueExport.Path);

        Assert.NotEqual("text/csv", asApprover.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("text/csv", asAnonymous.Content.Headers.ContentType?.MediaType);
        await using var db = Db();
        Assert.Equal(exports, await db.AuditEntries.CountAsync(e => e.Action == "queue_exported"));
    }
}
