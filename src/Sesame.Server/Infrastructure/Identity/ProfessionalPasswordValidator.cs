using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// Seed 004's password rules on every path that sets a professional's password; citizens keep theirs
/// (<see cref="CitizenPasswordValidator"/>). Errors carry the rule codes so pages can show the localized text.
/// </summary>
public sealed class ProfessionalPasswordValidator(ProfessionalPasswordRules rules) : IPasswordValidator<SesameUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<SesameUser> manager, SesameUser user, string? password)
    {
        if (user.Population != AccountPopulation.Professional)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var broken = rules.Check(password);
        return Task.FromResult(broken.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. broken.Select(code => new IdentityError { Code = code, Description = code })]));
    }
}
