using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// What a session remembers about how the person signed in: the methods (RFC 8176 <c>amr</c>) and when
/// (<c>auth_time</c>), which OpenID Connect needs for <c>max_age</c> and the assurance level. Identity's
/// security-stamp check rebuilds the principal now and then; these claims are carried over when it does.
/// </summary>
public static class SessionClaims
{
    public const string Methods = "amr";
    public const string AuthenticatedAt = "auth_time";

    /// <summary>A password and a one-time code sent out of band.</summary>
    public static Claim[] PasswordAndEmailCode(DateTimeOffset now) =>
    [
        new(Methods, "pwd"),
        new(Methods, "otp"),
        new(AuthenticatedAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
    ];

    public static DateTimeOffset? AuthenticatedAtOf(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(AuthenticatedAt), CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static IReadOnlyList<string> MethodsOf(ClaimsPrincipal principal) =>
        [.. principal.FindAll(Methods).Select(c => c.Value)];

    public static void KeepOnRefresh(SecurityStampValidatorOptions options) =>
        options.OnRefreshingPrincipal = context =>
        {
            var carried = context.CurrentPrincipal?.Claims.Where(c => c.Type is Methods or AuthenticatedAt).ToList() ?? [];
            if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaims(carried.Select(c => new Claim(c.Type, c.Value, c.ValueType)));
            }

            return Task.CompletedTask;
        };
}
