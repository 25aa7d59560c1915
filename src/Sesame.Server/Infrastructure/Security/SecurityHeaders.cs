namespace Sesame.Server.Infrastructure.Security;

/// <summary>
/// The headers of quality.md "pages" on every response: a CSP without inline scripts, no framing, HSTS over
/// HTTPS, no sniffing, no referrer (reset links carry a token), and no caching of pages that show personal data.
/// </summary>
public static class SecurityHeaders
{
    // No form-action directive: the sign-in, consent and sign-out forms end with a redirect to the service's
    // registered redirect_uri, and browsers apply form-action to the redirects that follow a submission
    // (CSP Level 3, §6.3.3), which would stop the person on their way back to the service.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static readonly string[] StaticPrefixes = ["/lib/", "/css/", "/img/", "/js/"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                // RFC 6797: two years, subdomains included.
                headers.StrictTransportSecurity = "max-age=63072000; includeSubDomains";
            }

            var path = context.Request.Path.Value ?? "";
            if (!StaticPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
