using System.Security.Cryptography;

namespace Onboarding.Ops.Web.Security;

/// <summary>
/// The headers a security review expects on every page: a Content-Security-Policy allowing what Blazor Server and
/// MudBlazor need and nothing else, no sniffing, no referrer (the verification token is in the path), no framing,
/// the camera only on the hosted flow, and personal data kept out of shared caches.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The per-request nonce the page's one inline script (the import map) carries.</summary>
    public static string CspNonce(this HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("SecurityHeaders did not run for this request.");

    public static Task AddAsync(HttpContext context, Func<Task> next)
    {
        // Hex: no character the page would have to encode in the attribute.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var response = context.Response;
        var path = context.Request.Path;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            // The hosted flow's selfie step may open the phone's camera; nothing else may.
            headers["Permissions-Policy"] = path.StartsWithSegments("/verify")
                ? "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"
                : "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            var html = response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true;
            var json = response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
            if ((html || json) && !headers.ContainsKey("Cache-Control"))
            {
                // Pages and API answers hold personal data: never in a shared (or any) cache.
                headers.CacheControl = "no-store";
            }
            // The partner reference (Scalar) brings its own scripts; every other page gets the strict policy.
            if (html && !headers.ContainsKey("Content-Security-Policy") && !path.StartsWithSegments("/api/reference"))
            {
                headers.ContentSecurityPolicy = string.Join("; ",
                    "default-src 'self'",
                    $"script-src 'self' 'nonce-{nonce}'",
                    // MudBlazor sets style attributes and a theme <style> element.
                    "style-src 'self' 'unsafe-inline'",
                    "img-src 'self' data: blob:",
                    "font-src 'self' data:",
                    // Blazor's circuit: a WebSocket to this origin.
                    "connect-src 'self'",
                    // The PDF viewer shows a document from this origin in an <object>.
                    "object-src 'self'",
                    "frame-src 'self'",
                    "base-uri 'self'",
                    "form-action 'self'",
                    "frame-ancestors 'none'");
            }
            return Task.CompletedTask;
        });
        return next();
    }
}
