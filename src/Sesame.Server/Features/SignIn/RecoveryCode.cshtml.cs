using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.SignIn;

/// <summary>One of the ten recovery codes given when the factors were set up; each works once.</summary>
public sealed class RecoveryCodeModel(UserManager<SesameUser> users, SecondFactors factors, SessionOpener opener, PendingSteps steps)
    : SecondFactorPageModel(users, factors, opener, steps)
{
    protected override SignInMethod Method => SignInMethod.PasswordAndRecoveryCode;

    protected override bool IsWellFormed(string? entered) =>
        entered is { Length: > 0 and <= 64 } && SesameUserStore.NormalizeRecoveryCode(entered).Length is >= 6 and <= 20;

    protected override Task<bool> CheckAsync(SesameUser user, string? entered) => SecondFactors.RedeemRecoveryCodeAsync(user, entered);
}
