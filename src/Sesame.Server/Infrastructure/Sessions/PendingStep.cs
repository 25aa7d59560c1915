using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Infrastructure.Sessions;

public enum PendingPurpose
{
    /// <summary>A new account waits for its e-mail to be confirmed with a code.</summary>
    ConfirmEmail = 1,

    /// <summary>A password was right; the e-mailed code is the second step of signing in.</summary>
    SignInCode = 2,

    /// <summary>A password was right; the account has a strong factor (authenticator app or passkey) to present.</summary>
    SecondFactor = 3,

    /// <summary>A professional's password was right; two security questions, drawn then, follow (issue 6).</summary>
    SecurityQuestions = 4,

    /// <summary>
    /// A professional's temporary password was right (seed 003: "mot de passe temporaire"): a new password, and the
    /// eight security answers if the account has none, come before the questions.
    /// </summary>
    TemporaryPassword = 5,

    /// <summary>
    /// Someone gave a professional username at "Mot de passe oublié?" (seed 004): three security questions, drawn then,
    /// and a new password follow. The step names no account (an empty id) when the username is unknown, so the
    /// pages behave the same either way.
    /// </summary>
    ForgottenPassword = 6,
}

/// <summary>
/// Where a person is between two steps (account created → code; password → code), carried in an
/// encrypted, HttpOnly cookie that lives 30 minutes. It names the account and nothing else.
/// </summary>
/// <param name="ReturnUrl">A local URL to resume after the step, such as a service's authorization request.</param>
/// <param name="Questions">The security questions drawn for this sign-in, so that reloading the page cannot draw others.</param>
public sealed record PendingStep(Guid UserId, PendingPurpose Purpose, bool RememberMe, DateTimeOffset ExpiresAt, string? ReturnUrl, int[]? Questions = null);

public sealed class PendingSteps(IDataProtectionProvider protection, TimeProvider time, CookieSettings cookies)
{
    private string CookieName => cookies.Name("sesame-step");
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly IDataProtector _protector = protection.CreateProtector("Sesame.PendingStep.v1");

    public void Begin(HttpContext context, Guid userId, PendingPurpose purpose, bool rememberMe = false, string? returnUrl = null, int[]? questions = null)
    {
        var step = new PendingStep(userId, purpose, rememberMe, time.GetUtcNow() + Lifetime,
            Localization.Languages.IsLocalPath(returnUrl) ? returnUrl : null, questions);
        context.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(step)), cookies.Options(context));
    }

    public PendingStep? Current(HttpContext context, PendingPurpose purpose)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var step = JsonSerializer.Deserialize<PendingStep>(_protector.Unprotect(value));
            return step is not null && step.Purpose == purpose && step.ExpiresAt > time.GetUtcNow() ? step : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void End(HttpContext context) => context.Response.Cookies.Delete(CookieName, cookies.Options(context));
}
