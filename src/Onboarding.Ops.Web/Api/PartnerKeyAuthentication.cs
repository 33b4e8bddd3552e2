using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// "Authorization: Bearer &lt;key&gt;": the key's hash must match an issued, unrevoked key of an enabled partner.
/// The principal carries the partner's id; every API query is scoped to it.
/// </summary>
public sealed class PartnerKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PartnerKey";
    public const string KeyIdClaim = "ops:api_key";
    private static readonly TimeSpan UsageResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiKey.HashOf(header["Bearer ".Length..].Trim());
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var key = await (
                from k in db.Set<ApiKey>().AsNoTracking()
                join p in db.Partners.AsNoTracking().IgnoreAutoIncludes() on EF.Property<string>(k, "PartnerId") equals p.Id
                where k.Hash == hash && k.RevokedAt == null && !p.Disabled
                select new { k.Id, k.LastUsedAt, PartnerId = p.Id, PartnerName = p.Name })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is not { } used || now - used > UsageResolution)
        {
            // Recorded to the minute: one write per key per minute, not per request.
            await db.Set<ApiKey>().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, key.PartnerId), new Claim(ClaimTypes.Name, key.PartnerName), new Claim(KeyIdClaim, key.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Envelope.Error(StatusCodes.Status401Unauthorized, "unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'. Keys are issued by the platform's operations team.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Envelope.Error(StatusCodes.Status403Forbidden, "forbidden", "This key may not do that.").ExecuteAsync(Context);
}
