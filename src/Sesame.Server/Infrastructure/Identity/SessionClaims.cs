using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>The ways a session can be opened, each with its RFC 8176 <c>amr</c> values.</summary>
public enum SignInMethod
{
    /// <summary>A password and the code mailed after it (seed 001's last screens).</summary>
    PasswordAndEmailCode,

    /// <summary>A password and a code from an authenticator app (RFC 6238).</summary>
    PasswordAndAuthenticator,

    /// <summary>A password and one of the ten single-use recovery codes.</summary>
    PasswordAndRecoveryCode,

    /// <summary>A password on a browser the person chose to trust for 30 days: no second factor this time.</summary>
    PasswordOnTrustedBrowser,

    /// <summary>A passkey alone (WebAuthn with user verification): possession and a PIN or biometric.</summary>
    Passkey,

    /// <summary>A professional's password and two of their eight security questions (seed 004; issue 6).</summary>
    PasswordAndSecurityQuestions,
}

/// <summary>
/// What a session remembers about how the person signed in: the methods (RFC 8176 <c>amr</c>), when
/// (<c>auth_time</c>), which OpenID Connect needs for <c>max_age</c> and the assurance level, and when a second
/// factor was last presented, which sensitive changes need to be recent (issue 5: 20 minutes). Identity's
/// security-stamp check rebuilds the principal now and then; these claims are carried over when it does.
/// </summary>
public static class SessionClaims
{
    public const string Methods = "amr";
    public const string AuthenticatedAt = "auth_time";

    /// <summary>When a second factor (or a passkey, or a professional's security questions) was last presented in this session.</summary>
    public const string SecondFactorAt = "sesame_2fa_time";

    /// <summary>How recent a second factor must be before a change of password, e-mail or factor (issue 5).</summary>
    public static readonly TimeSpan RecentFactorWindow = TimeSpan.FromMinutes(20);

    /// <summary>A password and a one-time code sent out of band.</summary>
    public static Claim[] PasswordAndEmailCode(DateTimeOffset now) => For(SignInMethod.PasswordAndEmailCode, now);

    public static Claim[] For(SignInMethod method, DateTimeOffset now)
    {
        var claims = AmrOf(method).Select(v => new Claim(Methods, v)).ToList();
        claims.Add(new Claim(AuthenticatedAt, Seconds(now), ClaimValueTypes.Integer64));
        // Every complete sign-in presents the account's second step, except on a trusted browser. A professional's
        // security questions are that step until they add a stronger factor (issue 6): knowledge like the password,
        // not an authenticator (NIST SP 800-63B §5.1.1.2), so amr says kba and never mfa; but they are all such an
        // account can present again, so they are what "recent" means for it.
        if (method is not SignInMethod.PasswordOnTrustedBrowser)
        {
            claims.Add(new Claim(SecondFactorAt, Seconds(now), ClaimValueTypes.Integer64));
        }

        return [.. claims];
    }

    /// <summary>RFC 8176 §2: pwd, otp, mfa, pop (proof of possession of a key), user (user presence/verification), kba (knowledge-based authentication).</summary>
    public static string[] AmrOf(SignInMethod method) => method switch
    {
        SignInMethod.PasswordAndEmailCode => ["pwd", "otp"],
        SignInMethod.PasswordAndAuthenticator => ["pwd", "otp", "mfa"],
        SignInMethod.PasswordAndRecoveryCode => ["pwd", "otp"],
        SignInMethod.PasswordOnTrustedBrowser => ["pwd"],
        SignInMethod.Passkey => ["pop", "user", "mfa"],
        SignInMethod.PasswordAndSecurityQuestions => ["pwd", "kba"],
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>The short name of a method in the audit trail.</summary>
    public static string AuditName(SignInMethod method) => method switch
    {
        SignInMethod.PasswordAndEmailCode => "pwd+otp-courriel",
        SignInMethod.PasswordAndAuthenticator => "pwd+totp",
        SignInMethod.PasswordAndRecoveryCode => "pwd+code-recuperation",
        SignInMethod.PasswordOnTrustedBrowser => "pwd+navigateur-de-confiance",
        SignInMethod.Passkey => "cle-d-acces",
        SignInMethod.PasswordAndSecurityQuestions => "pwd+questions-securite",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static DateTimeOffset? AuthenticatedAtOf(ClaimsPrincipal principal) => TimeOf(principal, AuthenticatedAt);

    public static DateTimeOffset? SecondFactorAtOf(ClaimsPrincipal principal) => TimeOf(principal, SecondFactorAt);

    /// <summary>Whether the session presented a second factor within <see cref="RecentFactorWindow"/>.</summary>
    public static bool HasRecentSecondFactor(ClaimsPrincipal principal, DateTimeOffset now) =>
        SecondFactorAtOf(principal) is { } at && now - at <= RecentFactorWindow;

    public static IReadOnlyList<string> MethodsOf(ClaimsPrincipal principal) =>
        [.. principal.FindAll(Methods).Select(c => c.Value)];

    /// <summary>
    /// The same session's claims, with the second step presented again now (re-verification): <c>mfa</c> is added
    /// for a second factor, <c>kba</c> for a professional's security questions.
    /// </summary>
    public static Claim[] WithSecondFactorNow(ClaimsPrincipal principal, DateTimeOffset now, bool securityQuestions = false)
    {
        var added = securityQuestions ? "kba" : "mfa";
        return
        [
            .. principal.Claims.Where(c => c.Type is Methods or AuthenticatedAt).Select(c => new Claim(c.Type, c.Value, c.ValueType)),
            .. principal.HasClaim(Methods, added) ? Array.Empty<Claim>() : [new Claim(Methods, added)],
            new Claim(SecondFactorAt, Seconds(now), ClaimValueTypes.Integer64),
        ];
    }

    public static void KeepOnRefresh(SecurityStampValidatorOptions options) =>
        options.OnRefreshingPrincipal = context =>
        {
            var carried = context.CurrentPrincipal?.Claims.Where(c => c.Type is Methods or AuthenticatedAt or SecondFactorAt).ToList() ?? [];
            if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaims(carried.Select(c => new Claim(c.Type, c.Value, c.ValueType)));
            }

            return Task.CompletedTask;
        };

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? TimeOf(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirstValue(type), CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
