using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Proofing;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.Account;

/// <summary>
/// "J'ai perdu l'accès à mes méthodes de connexion" (issue 5, item 5), after a right password: an identified
/// person proves again who they are against the registries (seed 002: security options are reset with an
/// identity verification) and the factors are removed at once; otherwise the e-mailed code starts a recovery
/// that takes effect after <see cref="AccountRecovery.WaitingPeriod"/>, announced by mail with "ce n'était pas
/// moi". Either way the account, and so the person's identification codes, stay the same.
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public sealed class RecoveryModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SecondFactors factors,
    PendingSteps steps,
    EmailCodeService codes,
    SecurityCodeSender sender,
    SessionOpener opener,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    Reidentification reidentification,
    ProofingSettings proofing,
    TimeProvider time) : SesamePageModel
{
    [BindProperty]
    public ReidentificationInput Identity { get; set; } = new();

    [BindProperty]
    public string? Code { get; set; }

    public ReidentificationProof Proof { get; private set; }

    public StepResult? ProofResult { get; private set; }

    /// <summary>The recovery by e-mail under way, if any.</summary>
    public AccountRecovery? Pending { get; private set; }

    public bool Ready => Pending is not null && Pending.AvailableAt <= time.GetUtcNow();

    public string MaskedEmail { get; private set; } = "";

    /// <summary>Set once a code went to the account's address.</summary>
    public bool CodeSent { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ReloadAsync() ?? Page();

    /// <summary>The identified person's route: the registry confirms the proof, the factors go at once.</summary>
    public async Task<IActionResult> OnPostIdentityAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } loaded)
        {
            return Expired();
        }

        var (user, step) = loaded;
        if (Proof == ReidentificationProof.None)
        {
            return BadRequest();
        }

        if (Identity.Validate(Proof, proofing, Text, ModelState, nameof(Identity)) is not { } typed)
        {
            return Rejected();
        }

        var result = await reidentification.CheckAsync(user, typed.Identifier, typed.Proof, cancellationToken);
        if (result.Outcome != StepOutcome.Advanced)
        {
            ProofResult = result;
            var page = Page();
            page.StatusCode = ReidentificationInput.StatusOf(result);
            return page;
        }

        return await RecoverAsync(user, step, "identite", cancellationToken);
    }

    /// <summary>Mails a code to the account's address: to start a recovery, or to finish one that is ready.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } loaded)
        {
            return Expired();
        }

        var user = loaded.User;
        var issue = await sender.SendAsync(user, EmailCodePurpose.Reverify, cancellationToken);
        if (!issue.IsSent)
        {
            Problem = "Code.TooManySentShort";
            return Rejected();
        }

        await db.SaveChangesAsync(cancellationToken);
        CodeSent = true;
        return Page();
    }

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } loaded)
        {
            return Expired();
        }

        var (user, step) = loaded;
        CodeSent = true;
        if (EmailCodeService.Normalize(Code) is null)
        {
            ModelState.AddModelError(nameof(Code), Text["Code.Format"]);
            return Rejected();
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var check = await codes.CheckAsync(user.Id, EmailCodePurpose.Reverify, Code, cancellationToken);
        if (check != EmailCodeCheck.Accepted)
        {
            await db.SaveChangesAsync(cancellationToken);
            await users.AccessFailedAsync(user);
            await transaction.CommitAsync(cancellationToken);
            Problem = check == EmailCodeCheck.Wrong ? "Code.Wrong" : "Code.Expired";
            Code = null;
            return Rejected();
        }

        if (Ready)
        {
            await transaction.CommitAsync(cancellationToken);
            return await RecoverAsync(user, step, "courriel", cancellationToken);
        }

        if (Pending is null)
        {
            Pending = new AccountRecovery { Id = Guid.CreateVersion7(now), UserId = user.Id, RequestedAt = now, AvailableAt = now + AccountRecovery.WaitingPeriod };
            db.AccountRecoveries.Add(Pending);
            outbox.Enqueue(MailTemplates.RecoveryRequested, mail.RecoveryRequestedAlert(user.Email!, Pending.AvailableAt.ToLocalTime().ToString("f"), links.NotMe(user)));
            Audit(new AccountRecoveryStep("demandee", "courriel") { Subject = user.Id, Actor = user.Id.ToString() });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        CodeSent = false;
        Code = null;
        return Page();
    }

    /// <summary>Removes every strong factor, closes the recovery, mails the alert, and signs the person in.</summary>
    private async Task<IActionResult> RecoverAsync(SesameUser user, PendingStep step, string route, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await factors.RemoveAllAsync(user);
        await db.AccountRecoveries.Where(r => r.UserId == user.Id && r.CompletedAt == null && r.CancelledAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CompletedAt, now), cancellationToken);
        outbox.Enqueue(MailTemplates.RecoveryCompleted, mail.RecoveryCompletedAlert(user.Email!, links.NotMe(user)));
        Audit(new AccountRecoveryStep("terminee", route) { Subject = user.Id, Actor = user.Id.ToString() });
        await users.ResetAccessFailedCountAsync(user);
        await opener.RecordAsync(HttpContext, user, SignInMethod.PasswordAndEmailCode, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await opener.StartAsync(user, SignInMethod.PasswordAndEmailCode, step.RememberMe, trustBrowser: false);
        steps.End(HttpContext);
        return LocalRedirect("/compte/facteurs?avis=recupere");
    }

    protected override async Task<IActionResult?> ReloadAsync() => await LoadAsync() is null ? Expired() : null;

    private async Task<(SesameUser User, PendingStep Step)?> LoadAsync()
    {
        var step = steps.Current(HttpContext, PendingPurpose.SecondFactor);
        var user = step is null ? null : await users.FindByIdAsync(step.UserId.ToString());
        if (user is null || step is null)
        {
            return null;
        }

        Proof = await reidentification.RequiredOfAsync(user, HttpContext.RequestAborted);
        Pending = await db.AccountRecoveries
            .Where(r => r.UserId == user.Id && r.CompletedAt == null && r.CancelledAt == null)
            .OrderByDescending(r => r.RequestedAt)
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        MaskedEmail = Masking.Email(user.Email);
        return (user, step);
    }

    private RedirectResult Expired() => Redirect("/?avis=SignIn.Notice.StepExpired");
}
