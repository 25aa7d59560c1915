using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Sesame.Core.Accounts;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// The links Sesame mails about an account: a password reset (Identity's token, one hour, void once the
/// password changes) and "ce n'était pas moi" (issue 5), which must keep working after an intruder changed
/// the password, so it does not depend on the security stamp: it is a Data Protection payload naming the
/// account, valid seven days.
/// </summary>
public sealed class AccountLinks(UserManager<SesameUser> users, IDataProtectionProvider protection, IOptions<SesameOptions> options, IHttpContextAccessor http)
{
    public static readonly TimeSpan NotMeLifetime = TimeSpan.FromDays(7);

    public const string NotMePath = "/compte/ce-n-etait-pas-moi";

    private readonly ITimeLimitedDataProtector _notMe = protection.CreateProtector("Sesame.NotMe.v1").ToTimeLimitedDataProtector();

    public async Task<string> PasswordResetAsync(SesameUser user) =>
        QueryHelpers.AddQueryString($"{Origin}/mot-de-passe-oublie/nouveau", new Dictionary<string, string?>
        {
            ["compte"] = user.Id.ToString(),
            ["jeton"] = await users.GeneratePasswordResetTokenAsync(user),
        });

    public string NotMe(SesameUser user) =>
        QueryHelpers.AddQueryString($"{Origin}{NotMePath}", "jeton", _notMe.Protect(user.Id.ToString(), NotMeLifetime));

    /// <summary>
    /// The link of an invitation's mail (seed 004, "Créer un compte"): the invitation's id and its secret, which
    /// is kept only as a keyed hash; nothing personal is in it.
    /// </summary>
    public string Invitation(Guid invitationId, string linkSecret) =>
        QueryHelpers.AddQueryString($"{Origin}/invitation", "jeton", $"{invitationId:N}.{linkSecret}");

    /// <summary>
    /// The link mailed to the authorizer of an access request (seed 003, section 3): the request's id and a secret
    /// kept only as a keyed hash; never a name.
    /// </summary>
    public string AccessRequestConfirmation(Guid requestId, string secret) =>
        QueryHelpers.AddQueryString($"{Origin}/demande-acces/confirmation", "jeton", $"{requestId:N}.{secret}");

    public string ProfessionalSignIn => $"{Origin}/professionnels/connexion";

    /// <summary>The account a "ce n'était pas moi" token names, or null when it is forged or expired.</summary>
    public Guid? AccountOfNotMe(string? token) =>
        Guid.TryParse(_notMe.TryUnprotect(token, 2000), out var id) ? id : null;

    private string Origin
    {
        get
        {
            if (options.Value.PublicOrigin is { } configured)
            {
                return configured.GetLeftPart(UriPartial.Authority);
            }

            var request = http.HttpContext?.Request ?? throw new InvalidOperationException("A link needs a request or Sesame:PublicOrigin.");
            return $"{request.Scheme}://{request.Host}";
        }
    }
}
