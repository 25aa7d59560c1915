using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Features.SignIn;
using Sesame.Server.Infrastructure;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Confirmer que c'est bien vous": a second factor presented again before a sensitive change (issue 5:
/// from the last 20 minutes), or when a service requires more than a trusted browser gave. The factors are
/// the account's own: the authenticator app, a recovery code or a passkey once one is set up, otherwise a
/// code mailed to the account's address; a professional without a strong factor, who has no mailbox on file,
/// answers two of their security questions again (issue 6), the same two for the whole session.
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public sealed class VerifyModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SecondFactors factors,
    EmailCodeService codes,
    MailOutbox outbox,
    MailTemplates mail,
    PasskeyCeremonies passkeys,
    SessionRenewal renewal,
    TimeProvider time) : SesamePageModel
{
    [FromQuery(Name = "retour")]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public PasskeyInput Passkey { get; set; } = new();

    public FactorSet Factors { get; private set; } = new(false, 0, 0);

    /// <summary>A professional's account page is "Mes organisations" (decision 0014), where "back" leads.</summary>
    public bool IsProfessional { get; private set; }

    /// <summary>Answers by question number; only the two asked are read.</summary>
    [BindProperty]
    public Dictionary<int, string?> Answers { get; set; } = [];

    /// <summary>The two security questions a professional without a strong factor answers; empty for everyone else.</summary>
    public IReadOnlyList<int> Questions { get; private set; } = [];

    public string MaskedEmail { get; private set; } = "";

    public bool CodeSent { get; private set; }

    /// <summary>A resource key shown as an alert.</summary>
    public string? Problem { get; private set; }

    public string Here => Request.Path + QueryString.Create("retour", Target).ToUriComponent();

    private string Target => Languages.IsLocalPath(ReturnUrl) ? ReturnUrl! : "/compte";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    /// <summary>Mails a code to the account's address (accounts without a strong factor).</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Factors.HasStrongFactor || user.Email is null)
        {
            return BadRequest();
        }

        var issue = await codes.IssueAsync(user.Id, EmailCodePurpose.Reverify, cancellationToken);
        if (!issue.IsSent)
        {
            Problem = "Code.TooManySentShort";
            return Rejected();
        }

        outbox.Enqueue(MailTemplates.ReverifyCode, mail.ReverifyCodeMail(user.Email!, issue.Code!));
        await db.SaveChangesAsync(cancellationToken);
        CodeSent = true;
        return Page();
    }

    public Task<IActionResult> OnPostEmailCodeAsync(CancellationToken cancellationToken) =>
        CheckAsync(async user =>
        {
            if (Factors.HasStrongFactor || user.Email is null || EmailCodeService.Normalize(Code) is null)
            {
                return false;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var accepted = await codes.CheckAsync(user.Id, EmailCodePurpose.Reverify, Code, cancellationToken) == EmailCodeCheck.Accepted;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            CodeSent = !accepted;
            return accepted;
        });

    public Task<IActionResult> OnPostAuthenticatorAsync() =>
        CheckAsync(user => Factors.Authenticator ? factors.CheckAuthenticatorCodeAsync(user, Code) : Task.FromResult(false));

    public Task<IActionResult> OnPostRecoveryAsync() =>
        CheckAsync(user => factors.RedeemRecoveryCodeAsync(user, Code));

    public async Task<IActionResult> OnPostQuestionsAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is null)
        {
            return Challenge();
        }

        // A blank answer is asked for again, as on the sign-in's questions page; it is not a wrong attempt.
        var blank = Questions.Where(q => string.IsNullOrWhiteSpace(Answers.GetValueOrDefault(q))).ToList();
        if (blank.Count > 0)
        {
            foreach (var question in blank)
            {
                ModelState.AddModelError($"{nameof(Answers)}[{question}]", Text[AccountRuleCodes.SecurityAnswerRequired]);
            }

            ClearAnswers();
            return Rejected();
        }

        return await CheckAsync(user => Questions.Count > 0 ? factors.CheckSecurityAnswersAsync(user, Questions, Answers, cancellationToken) : Task.FromResult(false), securityQuestions: true);
    }

    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var challenge = await passkeys.BeginAssertionAsync(user, HttpContext);
        return new JsonResult(new { options = challenge.Options, state = challenge.State });
    }

    public Task<IActionResult> OnPostPasskeyAsync() =>
        CheckAsync(async user => (await passkeys.FinishAssertionAsync(Passkey.Credential, Passkey.State, HttpContext))?.Id == user.Id);

    private async Task<IActionResult> CheckAsync(Func<SesameUser, Task<bool>> check, bool securityQuestions = false)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (await users.IsLockedOutAsync(user))
        {
            Problem = "Code.LockedOut";
            return Rejected();
        }

        if (!await check(user))
        {
            await users.AccessFailedAsync(user);
            Problem = securityQuestions ? "Professional.Questions.Wrong" : "Factor.Code.Wrong";
            // Neither a wrong code nor an answer is written back into the page.
            Code = null;
            ModelState.Remove(nameof(Code));
            ClearAnswers();
            return Rejected();
        }

        await users.ResetAccessFailedCountAsync(user);
        await renewal.RenewAsync(HttpContext, user, SessionClaims.WithSecondFactorNow(User, time.GetUtcNow(), securityQuestions));
        return LocalRedirect(Target);
    }

    /// <summary>Answers are secrets: never written back into the page (the errors of blank ones stay).</summary>
    private void ClearAnswers()
    {
        Answers = Questions.ToDictionary(q => q, _ => (string?)null);
        ForgetTyped(Questions.Select(q => $"{nameof(Answers)}[{q}]"));
    }

    private async Task<SesameUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            Factors = await factors.OfAsync(user);
            IsProfessional = user.Population == AccountPopulation.Professional;
            MaskedEmail = Masking.Email(user.Email);
            Questions = user.Population == AccountPopulation.Professional && !Factors.HasStrongFactor
                ? factors.QuestionsForSession(user, User.FindFirst(DatabaseTicketStore.SessionKeyClaim)?.Value ?? "")
                : [];
        }

        return user;
    }
}
