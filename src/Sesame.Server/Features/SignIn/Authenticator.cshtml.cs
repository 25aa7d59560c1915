using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>The six digits of an authenticator app (RFC 6238), each accepted once.</summary>
public sealed class AuthenticatorModel(UserManager<SesameUser> users, SecondFactors factors, SessionOpener opener, PendingSteps steps)
    : SecondFactorPageModel(users, factors, opener, steps)
{
    protected override SignInMethod Method => SignInMethod.PasswordAndAuthenticator;

    protected override bool IsWellFormed(string? entered) => SecondFactors.Digits(entered) is not null;

    protected override Task<bool> CheckAsync(SesameUser user, string? entered) => SecondFactors.CheckAuthenticatorCodeAsync(user, entered);
}
