using System.Text.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Partners;
using Onboarding.Ops.Web.Features.Webhooks;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The outbox: events saved with the change, delivered signed and in order, retried, and never lost.</summary>
public sealed class WebhookTests(SharedApp shared) : IAsyncLifetime, IClassFixture<SharedApp>
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["DemoData:Customers"] = "0", ["Webhooks:DeliverInBackground"] = "false", ["Webhooks:TimeoutSeconds"] = "1",
    };

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private OpsAppFactory app = default!;
    private Receiver receiver = default!;
    private string secret = "";

    public async Task InitializeAsync()
    {
        app = shared.Start(Settings, clock);
        receiver = await Receiver.StartAsync();
        secret = await ConnectPartnerAsync();
    }

    /// <summary>Points the partner's webhooks at the receiver; the signing secret.</summary>
    private async Task<string> ConnectPartnerAsync()
    {
        var partner = (await app.RunAsAsync<PartnerDirectory, IReadOnlyList<PartnerSummary>>(OpsAppFactory.Admin, d => d.ListAsync())).Single(p => p.Id == "lumen-wallet");
        await app.RunAsAsync<PartnerDirectory, object>(OpsAppFactory.Admin, async d => await d.SetWebhookUrlAsync(partner.Id, partner.Version, receiver.Url));
        return (await app.RunAsAsync<PartnerDirectory, IssuedKey>(OpsAppFactory.Admin, d => d.RotateWebhookSecretAsync(partner.Id, partner.Version + 1))).Secret!;
    }

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private Task<int> DeliverAsync() => app.Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync();

    /// <summary>A pending customer of the partner, then a reviewer's decision on it: pending → active, one event.</summary>
    private async Task<Customer> ApprovedCustomerAsync()
    {
        var customer = A.Approvable();
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }
        await using (var db = Db())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            tracked.Approve(A.Reviewer, clock.GetUtcNow(), A.Policy);
            await db.SaveChangesAsync();
        }
        return customer;
    }

    private async Task<List<WebhookEvent>> EventsAsync()
    {
        await using var db = Db();
        return await db.Set<WebhookEvent>().Include(e => e.AttemptLog).OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task AStatusChange_IsSavedAsAnEvent_AndDeliveredSigned()
    {
        var customer = await ApprovedCustomerAsync();

        var queued = Assert.Single(await EventsAsync(), e => e.Type == PartnerEvents.StatusChanged);
        Assert.Equal(DeliveryState.Pending, queued.State);
        Assert.Equal(1, await DeliverAsync());

        var delivery = Assert.Single(receiver.Received);
        Assert.True(Receiver.Verifies(secret, delivery));
        Assert.False(Receiver.Verifies("whsec_not-the-secret", delivery));
        Assert.Equal(queued.Id.ToString(), delivery.Id);
        var data = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("data");
        Assert.Equal((customer.Id.ToString(), "pending", "active"),
            (data.GetProperty("customerId").GetString(), data.GetProperty("previousStatus").GetString(), data.GetProperty("status").GetString()));
        Assert.Equal(DeliveryState.Delivered, (await EventsAsync()).Single().State);
        Assert.Equal(0, await DeliverAsync());
    }

    [Fact]
    public async Task NeedsInformationAndRejection_CarryWhatTheCustomerIsTold_NeverTheInternalNote()
    {
        var customer = A.Approvable();
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }
        foreach (var decide in new Action<Customer>[]
        {
            c => c.RequestInformation(A.Reviewer, A.T0.AddHours(1), [new(Domain.Requirements.RequirementCode.IdentityDocument, "Send a sharper photo.")], "Please resend your passport."),
            c => c.Reject(A.Reviewer, A.T0.AddHours(2), ["document_unreadable"], false, "We could not read your passport.", "Blurry; maybe a scan of a copy."),
        })
        {
            await using var db = Db();
            decide(await db.Customers.SingleAsync(c => c.Id == customer.Id));
            await db.SaveChangesAsync();
        }

        await DeliverAsync();

        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data")).ToList();
        Assert.Equal(["needs_information", "rejected"], bodies.Select(b => b.GetProperty("status").GetString()));
        Assert.Contains("Send a sharper photo.", bodies[0].GetRawText());
        Assert.Equal("We could not read your passport.", bodies[1].GetProperty("rejection").GetProperty("message").GetString());
        Assert.DoesNotContain("Blurry", string.Join("", receiver.Received.Select(r => r.Body)));
    }

    [Fact]
    public async Task ADeclinedUpdate_TellsThePartnerWhyAndWhichFieldsWereNotTaken_ButNotTheInternalNote()
    {
        var customer = await ApprovedCustomerAsync();
        foreach (var change in new Action<Customer>[]
        {
            c => c.SubmitUpdate(A.Partner, clock.GetUtcNow(), new CustomerChanges(c.Person! with { LastName = "Vélez" })),
            c => c.DeclineUpdate(A.Reviewer, clock.GetUtcNow(), ["name_mismatch"], "The new name does not match your passport.", "Probably a typo."),
        })
        {
            await using var db = Db();
            change(await db.Customers.SingleAsync(c => c.Id == customer.Id));
            await db.SaveChangesAsync();
        }

        await DeliverAsync();

        var declined = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data")).Last();
        Assert.Equal(("update_requested", "active"), (declined.GetProperty("previousStatus").GetString(), declined.GetProperty("status").GetString()));
        var why = declined.GetProperty("updateDeclined");
        Assert.Equal(["name_mismatch"], why.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("The new name does not match your passport.", why.GetProperty("message").GetString());
        Assert.Equal(["lastName"], why.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain("typo", string.Join("", receiver.Received.Select(r => r.Body)));
    }

    [Fact]
    public async Task FailuresAndTimeouts_AreRetriedWithBackoff_AndLaterEventsWaitTheirTurn()
    {
        await ApprovedCustomerAsync();
        await ApprovedCustomerAsync();
        receiver.AnswerNext(500);

        Assert.Equal(1, await DeliverAsync());           // 500: the first waits 30 s; the second waits behind it
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, await DeliverAsync());
        clock.Advance(TimeSpan.FromSeconds(10));
        receiver.Delay = TimeSpan.FromSeconds(3);         // longer than the 1 s timeout
        Assert.Equal(1, await DeliverAsync());
        receiver.Delay = TimeSpan.Zero;
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await DeliverAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await DeliverAsync());            // delivered, then the second one at once

        var events = await EventsAsync();
        Assert.All(events, e => Assert.Equal(DeliveryState.Delivered, e.State));
        var first = events[0].AttemptLog.OrderBy(a => a.Id).ToList();
        Assert.Equal(500, first[0].StatusCode);
        Assert.Equal("timed out", first[1].Error);
        Assert.Equal(first[1].At + TimeSpan.FromSeconds(60), first[1].NextAttemptAt);
        Assert.Equal(200, first[2].StatusCode);
        var arrived = receiver.Received.Where(r => Receiver.Verifies(secret, r)).Select(r => r.Id).Distinct().ToList();
        Assert.Equal(events.Select(e => e.Id.ToString()), arrived.TakeLast(2));
    }

    [Fact]
    public async Task AnEndpointThatNeverAnswers_EndsFailedAfter24Hours_AndSupportCanRedeliver()
    {
        var customer = await ApprovedCustomerAsync();
        receiver.Status = 503;
        for (var i = 0; i < 60; i++)
        {
            await DeliverAsync();
            clock.Advance(TimeSpan.FromHours(1));
        }
        receiver.Status = 200;

        var failed = (await EventsAsync()).Single();
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.InRange(failed.Attempts, 20, 30);
        Assert.True(failed.AttemptLog.Max(a => a.At) <= failed.CreatedAt + WebhookDispatcher.Window);

        var log = await app.RunAsAsync<WebhookLog, IReadOnlyList<WebhookEvent>>(OpsAppFactory.Support, l => l.ForCustomerAsync(customer.Id));
        Assert.Equal(DeliveryState.Failed, Assert.Single(log).State);
        var redelivered = await app.RunAsAsync<WebhookLog, Features.Customers.DecisionResult>(OpsAppFactory.Support, l => l.RedeliverAsync(failed.Id));
        Assert.True(redelivered.Succeeded);
        Assert.Equal(1, await DeliverAsync());
        Assert.Equal(DeliveryState.Delivered, (await EventsAsync()).Single().State);
        await using var db = Db();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "webhook_redelivery_requested" && e.CustomerId == customer.Id));
    }

    [Fact]
    public async Task AChangeMadeBeforeARestart_IsDeliveredExactlyOnceAfterIt()
    {
        // This test stops and starts an app of its own, on a database of its own.
        using var database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "onboarding-ops-tests", Guid.NewGuid().ToString("N")));
        OpsAppFactory NewApp() => new(settings: Settings) { Clock = clock, Database = database };
        app = NewApp();
        try
        {
            app.CreateClient().Dispose();
            secret = await ConnectPartnerAsync();
            var customer = await ApprovedCustomerAsync();
            // The process stops before its dispatcher ran: the event is in the database, nothing was sent.
            app.Dispose();
            Assert.Empty(receiver.Received);

            app = NewApp();
            app.CreateClient().Dispose();
            await DeliverAsync();
            await DeliverAsync();

            var delivery = Assert.Single(receiver.Received);
            Assert.Contains(customer.Id.ToString(), delivery.Body);
            Assert.True(Receiver.Verifies(secret, delivery));
        }
        finally
        {
            app.Dispose();
        }
    }

    [Fact]
    public async Task TheSigningSecret_IsNotStoredInTheClear()
    {
        await using var db = Db();
        var stored = await db.Database.SqlQuery<string>($"""SELECT "SealedWebhookSecret" AS "Value" FROM "Partners" WHERE "Id" = 'lumen-wallet'""").SingleAsync();

        Assert.False(string.IsNullOrEmpty(stored));
        Assert.DoesNotContain(secret["whsec_".Length..], stored);
    }

    [Fact]
    public async Task ASecretTheseKeysCannotOpen_IsLoggedWithWhatToDo_AndTheEventGoesOutOnceRotated()
    {
        // As after restoring the database without its key ring.
        await using (var db = Db())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Partners" SET "SealedWebhookSecret" = 'CfDJ8-sealed-under-another-key-ring' WHERE "Id" = 'lumen-wallet'""");
        }
        await ApprovedCustomerAsync();

        await DeliverAsync();

        Assert.Empty(receiver.Received);
        var waiting = (await EventsAsync()).Single();
        Assert.Equal(DeliveryState.Pending, waiting.State);
        Assert.Contains("rotate it in Admin › Partners", Assert.Single(waiting.AttemptLog).Error);

        var partner = (await app.RunAsAsync<PartnerDirectory, IReadOnlyList<PartnerSummary>>(OpsAppFactory.Admin, d => d.ListAsync())).Single(p => p.Id == "lumen-wallet");
        var renewed = (await app.RunAsAsync<PartnerDirectory, IssuedKey>(OpsAppFactory.Admin, d => d.RotateWebhookSecretAsync(partner.Id, partner.Version))).Secret!;
        clock.Advance(WebhookDispatcher.Backoff(1));
        await DeliverAsync();

        Assert.True(Receiver.Verifies(renewed, Assert.Single(receiver.Received)));
        Assert.Equal(DeliveryState.Delivered, (await EventsAsync()).Single().State);
    }

    [Fact]
    public async Task APartnerWithoutAWebhook_GetsNothing_AndTheEventSaysSo()
    {
        var customer = Customer.Create(Domain.Actor.Partner("paygo-mobile", "PayGo"), A.T0, new NewCustomer(CustomerType.Individual,
            VerificationLevel.Minimum, VerificationModel.PartnerVerified, "paygo-mobile", Person: A.Person()), A.Policy);
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(1), [new(Domain.Requirements.RequirementCode.Phone, "Add a phone number.")], "We need your phone.");
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        await DeliverAsync();

        Assert.Empty(receiver.Received);
        Assert.All((await EventsAsync()).Where(e => e.PartnerId == "paygo-mobile"), e => Assert.Equal(DeliveryState.NoEndpoint, e.State));
    }

    [Fact]
    public async Task TheEndUsersFirstSubmission_IsAnEventThoughTheStatusStaysPending()
    {
        var customer = A.HostedEmpty();
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }
        await using (var db = Db())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            tracked.Submit(A.EndUser, clock.GetUtcNow(), new CustomerChanges(A.Person(), Documents: [A.Passport(), A.Selfie()]), A.Policy);
            await db.SaveChangesAsync();
        }

        Assert.Equal([PartnerEvents.Submitted], (await EventsAsync()).Select(e => e.Type));
    }

    [Fact]
    public async Task TheAdminsTestEvent_IsDeliveredSigned()
    {
        var result = await app.RunAsAsync<PartnerDirectory, Features.Customers.DecisionResult>(OpsAppFactory.Admin, d => d.SendTestEventAsync("lumen-wallet"));

        Assert.True(result.Succeeded, result.Message);
        await DeliverAsync();
        var delivery = Assert.Single(receiver.Received);
        Assert.Equal(PartnerEvents.Test, JsonDocument.Parse(delivery.Body).RootElement.GetProperty("type").GetString());
        Assert.True(Receiver.Verifies(secret, delivery));
    }
}

public sealed class WebhooksPanelTests : OpsComponentTest
{
    [Fact]
    public async Task Panel_ShowsEachAttempt_AndRedeliversAFailedEvent()
    {
        using var app = new OpsAppFactory(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "0", ["Webhooks:DeliverInBackground"] = "false" });
        app.CreateClient().Dispose();
        var customer = A.Approvable();
        customer.Approve(A.Reviewer, A.T0.AddHours(1), A.Policy);
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var webhook = await db.Set<WebhookEvent>().SingleAsync(e => e.CustomerId == customer.Id && e.Type == PartnerEvents.StatusChanged);
            webhook.State = DeliveryState.Failed;
            webhook.AttemptLog.Add(new WebhookAttempt { EventId = webhook.Id, At = A.T0.AddHours(2), StatusCode = 500 });
            webhook.AttemptLog.Add(new WebhookAttempt { EventId = webhook.Id, At = A.T0.AddHours(3), Error = "timed out" });
            await db.SaveChangesAsync();
        }
        UseDatabaseOf(app);
        SignInAs(Identity.StaffRoles.Support);

        var log = Context.Render<Components.Customers.WebhooksPanel>(p => p.Add(x => x.CustomerId, customer.Id));
        log.WaitForAssertion(() => Assert.Equal("Failed", log.Find("[data-testid=delivery-state]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("HTTP 500", log.Markup);
        Assert.Contains("timed out", log.Markup);

        await log.InvokeAsync(() => log.FindAll("button").Single(b => b.TextContent.Contains("Redeliver")).Click());

        log.WaitForAssertion(() => Assert.Equal("Waiting", log.Find("[data-testid=delivery-state]").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }
}
