using Microsoft.Extensions.Options;

namespace RendezVousSante;

/// <summary>
/// A strict Content Security Policy (no script at all, no inline style) and the usual headers. The forms
/// may lead to Sesame: "Se connecter" and "Se déconnecter" post here and are redirected there, and browsers
/// check form-action on every redirect of a form submission.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var sesame = app.ApplicationServices.GetRequiredService<IOptions<SesameSettings>>().Value;
        var policy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; " +
            $"form-action 'self' {sesame.AuthorityOrigin}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments("/css"))
                {
                    // Pages show personal information: never cached.
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
