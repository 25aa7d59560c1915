namespace Sesame.Server.Infrastructure.Security;

/// <summary>
/// Every cookie Sesame sets is HttpOnly, SameSite=Lax or Strict, Secure and named with the <c>__Host-</c>
/// prefix (quality.md "sessions"). The one exception is <see cref="SesameOptions.LocalHttp"/>: the run
/// command and the browser tests serve plain http://localhost, where a Secure cookie cannot be set by the
/// server's checks; there cookies drop the prefix and follow the request's scheme. Production refuses it.
/// </summary>
public sealed class CookieSettings(bool localHttp)
{
    public bool LocalHttp { get; } = localHttp;

    public string Name(string baseName) => LocalHttp ? baseName : $"__Host-{baseName}";

    public CookieSecurePolicy SecurePolicy => LocalHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public CookieOptions Options(HttpContext context, TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        Secure = !LocalHttp || context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };
}
