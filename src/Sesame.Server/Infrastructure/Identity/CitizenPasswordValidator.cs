using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// Makes the citizen password rules the only password rules Identity applies, on every path that sets a
/// password (creation, reset) of a citizen account; professionals have their own rules
/// (<see cref="ProfessionalPasswordValidator"/>). Errors carry the rule codes so pages can show the localized text.
/// </summary>
public sealed class CitizenPasswordValidator(PasswordRules rules) : IPasswordValidator<SesameUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<SesameUser> manager, SesameUser user, string? password)
    {
        if (user.Population != AccountPopulation.Citizen)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var broken = rules.Check(password, user.UserName, user.Email);
        return Task.FromResult(broken.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. broken.Select(code => new IdentityError { Code = code, Description = code })]));
    }
}
