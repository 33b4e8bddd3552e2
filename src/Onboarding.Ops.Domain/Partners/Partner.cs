using System.Security.Cryptography;
using System.Text;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Domain.Partners;

/// <summary>
/// An app that integrates the platform and owns customers. It calls the API with keys issued here: a key is shown
/// once, stored only as a hash, several may live side by side for rotation, and each can be revoked.
/// </summary>
public sealed class Partner : Audited
{
    public const string SubjectType = "partner";
    private readonly List<ApiKey> keys = [];

    private Partner()
    {
    }

    public Partner(string id, string name)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A partner needs an id and a name.");
        }
        Id = id.Trim();
        Name = name.Trim();
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool Disabled { get; private set; }
    /// <summary>The level of a customer created through the public API without one.</summary>
    public VerificationLevel DefaultLevel { get; private set; } = VerificationLevel.Basic;
    public IReadOnlyList<ApiKey> Keys => keys;

    /// <summary>Where the platform posts events for this partner; none until an admin sets it.</summary>
    public string? WebhookUrl { get; private set; }

    /// <summary>
    /// The HMAC key deliveries are signed with, as stored: sealed (encrypted) by the host, which alone opens it to sign.
    /// Shown to the admin once, in the clear, when made.
    /// </summary>
    public string? SealedWebhookSecret { get; private set; }

    public bool HasWebhookSecret => SealedWebhookSecret is not null;

    public static Partner Create(Actor actor, DateTimeOffset at, string id, string name)
    {
        if (!actor.Administers)
        {
            throw new DomainRuleException("Create partner is unavailable: only an admin can do this.");
        }
        var partner = new Partner(id, name);
        partner.Record(actor, at, "partner_created", new { id, name });
        return partner;
    }

    /// <summary>Issues a new key and returns its secret, which exists nowhere else from now on.</summary>
    public string IssueKey(Actor actor, DateTimeOffset at)
    {
        RequireAdmin(actor, "Issue key");
        var secret = Secrets.New("ops_");
        var key = new ApiKey(Guid.NewGuid(), ApiKey.HashOf(secret), secret[..10], at);
        keys.Add(key);
        Record(actor, at, "api_key_issued", new { keyId = key.Id, key.Prefix });
        return secret;
    }

    public void RevokeKey(Actor actor, DateTimeOffset at, Guid keyId)
    {
        RequireAdmin(actor, "Revoke key");
        var key = keys.FirstOrDefault(k => k.Id == keyId) ?? throw new DomainRuleException("Revoke key refused: the partner has no such key.");
        if (key.RevokedAt is not null)
        {
            throw new DomainRuleException($"Revoke key refused: the key {key.Prefix}… was already revoked.");
        }
        key.Revoke(at);
        Record(actor, at, "api_key_revoked", new { keyId, key.Prefix });
    }

    public void SetDisabled(Actor actor, DateTimeOffset at, bool disabled)
    {
        RequireAdmin(actor, disabled ? "Disable partner" : "Enable partner");
        if (Disabled == disabled)
        {
            throw new DomainRuleException($"The partner is already {(disabled ? "disabled" : "enabled")}.");
        }
        Disabled = disabled;
        Record(actor, at, disabled ? "partner_disabled" : "partner_enabled", null);
    }

    /// <summary>The level of customers the partner creates through the public API without naming one.</summary>
    public void SetDefaultLevel(Actor actor, DateTimeOffset at, VerificationLevel level)
    {
        RequireAdmin(actor, "Set default level");
        if (level == DefaultLevel)
        {
            throw new DomainRuleException($"The default level is already {Wire.Of(level)}.");
        }
        Record(actor, at, "default_level_set", new { before = Wire.Of(DefaultLevel), after = Wire.Of(level) });
        DefaultLevel = level;
    }

    /// <summary>Sets (or clears, with null) the webhook URL. An absolute https URL; http only for localhost, for testing.</summary>
    public void SetWebhookUrl(Actor actor, DateTimeOffset at, string? url)
    {
        RequireAdmin(actor, "Set webhook");
        var trimmed = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (trimmed is not null && (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || trimmed.Length > 500
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            throw new DomainRuleException("The webhook URL must be an absolute https:// address (http:// only for localhost), at most 500 characters.");
        }
        if (trimmed == WebhookUrl)
        {
            throw new DomainRuleException("The webhook URL is unchanged.");
        }
        Record(actor, at, "webhook_url_set", new { before = WebhookUrl, after = trimmed });
        WebhookUrl = trimmed;
    }

    /// <summary>
    /// Makes a new signing secret, keeps it sealed by <paramref name="seal"/> (the host's encryption at rest) and returns
    /// it in the clear to be shown once; the old one stops signing at once.
    /// </summary>
    public string RotateWebhookSecret(Actor actor, DateTimeOffset at, Func<string, string> seal)
    {
        RequireAdmin(actor, "Rotate webhook secret");
        var secret = Secrets.New("whsec_");
        SealedWebhookSecret = seal(secret);
        Record(actor, at, "webhook_secret_rotated", new { prefix = secret[..10] });
        return secret;
    }

    private static void RequireAdmin(Actor actor, string action)
    {
        if (!actor.Administers)
        {
            throw new DomainRuleException($"{action} is unavailable: only an admin can do this.");
        }
    }

    private void Record(Actor actor, DateTimeOffset at, string action, object? details) =>
        Append(actor, at, AuditEntry.Create(actor, at, SubjectType, Id, null, action, null, null, details: details));
}

/// <summary>A partner's API key: its hash, a short prefix to recognise it by, and when it was used and revoked.</summary>
public sealed class ApiKey
{
    private ApiKey()
    {
    }

    internal ApiKey(Guid id, string hash, string prefix, DateTimeOffset createdAt)
    {
        Id = id;
        Hash = hash;
        Prefix = prefix;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Hash { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Keys are long and random, so a plain SHA-256 is enough to store them safely.</summary>
    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal void Revoke(DateTimeOffset at) => RevokedAt = at;

    public void MarkUsed(DateTimeOffset at) => LastUsedAt = at;
}
