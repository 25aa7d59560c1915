using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

using Sesame.Core.Audit;

namespace Sesame.Server.Features.Account;

/// <summary>
/// "Créer votre compte" (seed 001): username, e-mail, password and its confirmation, the terms of use.
/// Every broken rule is named. The account, its first code and the mail carrying it are written in one
/// transaction.
/// </summary>
[EnableRateLimiting(RateLimits.AccountCreation)]
public sealed class RegisterModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    PasswordRules passwordRules,
    SecurityCodeSender codes,
    PendingSteps steps,
    TimeProvider time) : SesamePageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>A service's request to resume once the account is confirmed (local only).</summary>
    [FromQuery(Name = "retour")]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var username = Input.Username?.Trim();
        var email = Input.Email?.Trim();
        AddRuleErrors("Input.Username", UsernameRules.Check(username));
        AddRuleErrors("Input.Email", EmailAddressRules.Check(email));
        AddNewPasswordErrors(passwordRules.Check(Input.Password, username, email), Input.Password, Input.ConfirmPassword);

        if (!Input.AcceptTerms)
        {
            ModelState.AddModelError("Input.AcceptTerms", Text["Register.Terms.Required"]);
        }

        if (ModelState.IsValid && await users.FindByNameAsync(username!) is not null)
        {
            AddRuleErrors("Input.Username", [AccountRuleCodes.UsernameTaken]);
        }

        if (ModelState.IsValid && await users.FindByEmailAsync(email!) is not null)
        {
            AddRuleErrors("Input.Email", [AccountRuleCodes.EmailTaken]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var now = time.GetUtcNow();
        var user = new SesameUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = username,
            Email = email,
            CreatedAt = now,
            TermsAcceptedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            // Someone took the name or address between the check and the insert, or a rule changed.
            foreach (var error in created.Errors)
            {
                var (field, code) = error.Code switch
                {
                    nameof(IdentityErrorDescriber.DuplicateUserName) => ("Input.Username", AccountRuleCodes.UsernameTaken),
                    nameof(IdentityErrorDescriber.DuplicateEmail) => ("Input.Email", AccountRuleCodes.EmailTaken),
                    _ when error.Code.StartsWith("Password.", StringComparison.Ordinal) => ("Input.Password", error.Code),
                    _ => ("Input.Username", AccountRuleCodes.UsernameCharacters),
                };
                AddRuleErrors(field, [code]);
            }

            return Rejected();
        }

        await codes.SendAsync(user, EmailCodePurpose.ConfirmEmail, cancellationToken);
        Audit(new AccountCreated { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        steps.Begin(HttpContext, user.Id, PendingPurpose.ConfirmEmail, returnUrl: ReturnUrl);
        return Redirect("/creer-compte/confirmer");
    }

    public sealed class RegisterInput
    {
        public string? Username { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }

        public bool AcceptTerms { get; set; }
    }
}
