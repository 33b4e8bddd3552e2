using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Webhooks;

/// <summary>
/// What the partner was sent about a customer, attempt by attempt, for support's "they say they never heard back";
/// and redelivery. Staff who may see customers; redelivery is audited on the customer.
/// </summary>
public sealed class WebhookLog(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<WebhookEvent>> ForCustomerAsync(Guid customerId)
    {
        await current.RequireAsync(Policies.Customers);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<WebhookEvent>().AsNoTracking().Include(e => e.AttemptLog.OrderBy(a => a.Id))
            .Where(e => e.CustomerId == customerId).OrderByDescending(e => e.Sequence).Take(100).ToListAsync();
    }

    public async Task<DecisionResult> RedeliverAsync(Guid eventId)
    {
        var staff = (await current.RequireAsync(Policies.Assist)).ToActor();
        await using var db = await contexts.CreateDbContextAsync();
        var webhook = await db.Set<WebhookEvent>().SingleOrDefaultAsync(e => e.Id == eventId);
        if (webhook is null)
        {
            return new DecisionResult(DecisionOutcome.NotFound, "This event no longer exists.");
        }
        if (webhook.State == DeliveryState.Pending)
        {
            return new DecisionResult(DecisionOutcome.Refused, "This event is already waiting for delivery; it goes out at its next attempt.");
        }
        var now = clock.GetUtcNow();
        var before = webhook.State;
        (webhook.State, webhook.NextAttemptAt, webhook.RetryWindowFrom) = (DeliveryState.Pending, now, now);
        webhook.AttemptLog.Add(new WebhookAttempt { EventId = webhook.Id, At = now, RedeliveryBy = staff.Name });
        db.AuditEntries.Add(AuditEntry.Create(staff, now, "webhook_event", webhook.Id.ToString(), webhook.CustomerId,
            "webhook_redelivery_requested", null, null, details: new { webhook.Type, was = before.ToString() }));
        await db.SaveChangesAsync();
        return new DecisionResult(DecisionOutcome.Done, "Queued for redelivery: it goes out within seconds, with the same event id.");
    }
}
