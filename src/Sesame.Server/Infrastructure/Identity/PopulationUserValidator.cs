using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;

namespace Sesame.Server.Infrastructure.Identity;

/// <summary>
/// Identity's user validator, by population. Citizens keep Identity's checks with a unique, required e-mail
/// (mission.md §1). A professional has no e-mail on the account (decision 0014): the username, in the form
/// of an address, is checked for its form and its uniqueness only (seed 004), and an e-mail is refused so
/// that the citizens' unique index on e-mails never meets a professional.
/// </summary>
public sealed class PopulationUserValidator(IdentityErrorDescriber describer) : IUserValidator<SesameUser>
{
    private readonly UserValidator<SesameUser> _citizens = new(describer);

    public async Task<IdentityResult> ValidateAsync(UserManager<SesameUser> manager, SesameUser user)
    {
        if (user.Population == AccountPopulation.Citizen)
        {
            return await _citizens.ValidateAsync(manager, user);
        }

        var errors = ProfessionalUsernameRules.Check(user.UserName).Select(code => new IdentityError { Code = code, Description = code }).ToList();
        if (errors.Count == 0 && await manager.FindByNameAsync(user.UserName!) is { } owner && owner.Id != user.Id)
        {
            errors.Add(describer.DuplicateUserName(user.UserName!));
        }

        if (!string.IsNullOrEmpty(user.Email))
        {
            errors.Add(new IdentityError { Code = "Professional.EmailNotKept", Description = "A professional account keeps no e-mail address." });
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}
