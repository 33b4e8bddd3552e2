using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Partners;

public sealed record PartnerKey(Guid Id, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record PartnerSummary(
    string Id, string Name, bool Disabled, int Version, IReadOnlyList<PartnerKey> Keys, int Customers, string? WebhookUrl, bool HasWebhookSecret,
    VerificationLevel DefaultLevel);

/// <summary>A key's secret, shown to the admin once when it is issued, or why it could not be.</summary>
public sealed record IssuedKey(string? Secret, DecisionResult Result);

/// <summary>Admin › Partners: partners, their API keys and whether they may call the API. Admins only, checked here.</summary>
public sealed class PartnerDirectory(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, Webhooks.WebhookSecrets secrets)
{
    public async Task<IReadOnlyList<PartnerSummary>> ListAsync()
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        var counts = await db.Customers.GroupBy(c => c.PartnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Name).ToListAsync();
        return [.. partners.Select(p => new PartnerSummary(p.Id, p.Name, p.Disabled, p.Version,
            [.. p.Keys.OrderByDescending(k => k.CreatedAt).Select(k => new PartnerKey(k.Id, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))],
            counts.GetValueOrDefault(p.Id), p.WebhookUrl, p.HasWebhookSecret, p.DefaultLevel))];
    }

    public async Task<DecisionResult> CreateAsync(string id, string name)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        id = id.Trim().ToLowerInvariant();
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,62}$"))
        {
            return new DecisionResult(DecisionOutcome.Refused, "The partner id is 2 to 63 lower-case letters, digits or dashes, e.g. lumen-wallet.");
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.Partners.AnyAsync(p => p.Id == id))
        {
            return new DecisionResult(DecisionOutcome.Refused, $"A partner with the id {id} already exists.");
        }
        return await Decision.ApplyAsync(db, () => db.Partners.Add(Partner.Create(actor, clock.GetUtcNow(), id, name)), $"Partner {name} created.");
    }

    public async Task<IssuedKey> IssueKeyAsync(string partnerId, int version)
    {
        string? secret = null;
        var result = await ChangeAsync(partnerId, version, "Key issued. Copy it now: it is not shown again.",
            (partner, actor, at) => secret = partner.IssueKey(actor, at));
        return new IssuedKey(result.Succeeded ? secret : null, result);
    }

    public Task<DecisionResult> RevokeKeyAsync(string partnerId, int version, Guid keyId) =>
        ChangeAsync(partnerId, version, "Key revoked: calls with it are refused from now on.", (p, actor, at) => p.RevokeKey(actor, at, keyId));

    public Task<DecisionResult> SetDisabledAsync(string partnerId, int version, bool disabled) =>
        ChangeAsync(partnerId, version, disabled ? "Partner disabled: its keys are refused." : "Partner enabled.",
            (p, actor, at) => p.SetDisabled(actor, at, disabled));

    public Task<DecisionResult> SetWebhookUrlAsync(string partnerId, int version, string? url) =>
        ChangeAsync(partnerId, version, string.IsNullOrWhiteSpace(url) ? "Webhook URL removed: no events are sent." : "Webhook URL saved.",
            (p, actor, at) => p.SetWebhookUrl(actor, at, url));

    /// <summary>The level of customers the partner creates through the public API without naming one.</summary>
    public Task<DecisionResult> SetDefaultLevelAsync(string partnerId, int version, VerificationLevel level) =>
        ChangeAsync(partnerId, version, $"Customers created without a level are now {Domain.Customers.Wire.Of(level)}.",
            (p, actor, at) => p.SetDefaultLevel(actor, at, level));

    /// <summary>A new signing secret, shown to the admin once.</summary>
    public async Task<IssuedKey> RotateWebhookSecretAsync(string partnerId, int version)
    {
        string? secret = null;
        var result = await ChangeAsync(partnerId, version, "New signing secret. Copy it now: it is not shown again; the old one no longer signs.",
            (partner, actor, at) => secret = partner.RotateWebhookSecret(actor, at, secrets.Seal));
        return new IssuedKey(result.Succeeded ? secret : null, result);
    }

    /// <summary>Queues a webhook.test event, delivered (and logged) like any other.</summary>
    public async Task<DecisionResult> SendTestEventAsync(string partnerId)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        await using var db = await contexts.CreateDbContextAsync();
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId);
        if (partner?.WebhookUrl is null || !partner.HasWebhookSecret)
        {
            return new DecisionResult(DecisionOutcome.Refused, "Set a webhook URL and a signing secret first.");
        }
        var now = clock.GetUtcNow();
        db.Add(Webhooks.PartnerEvents.For(partnerId, null, Webhooks.PartnerEvents.Test, now,
            new Webhooks.WebhookTest($"Test event sent by {actor.Name} from Onboarding Ops.")));
        await db.SaveChangesAsync();
        return new DecisionResult(DecisionOutcome.Done, "Test event queued: it goes out within seconds.");
    }

    private async Task<DecisionResult> ChangeAsync(
        string partnerId, int version, string success, Action<Partner, Domain.Actor, DateTimeOffset> change)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        await using var db = await contexts.CreateDbContextAsync();
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == partnerId);
        if (partner is null)
        {
            return new DecisionResult(DecisionOutcome.NotFound, "This partner no longer exists.");
        }
        return Decision.Stale(partner, version, "partner")
            ?? await Decision.ApplyAsync(db, () => change(partner, actor, clock.GetUtcNow()), success);
    }
}
