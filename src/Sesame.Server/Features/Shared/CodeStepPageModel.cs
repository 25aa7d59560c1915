using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Features.Shared;

/// <summary>
/// The "Code de sécurité" screen of seed 001, shared by e-mail confirmation and sign-in: "Code envoyé à
/// l'adresse courriel suivante", six digits, "Recevoir un nouveau code". Wrong entries count towards the
/// account's lockout as well as towards voiding the code.
/// </summary>
[EnableRateLimiting(RateLimits.CodeEntry)]
public abstract class CodeStepPageModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    EmailCodeService codes,
    SecurityCodeSender sender,
    PendingSteps steps) : SesamePageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public string MaskedEmail { get; private set; } = "";

    /// <summary>A resource key for the outcome shown above the form.</summary>
    public string? Message { get; private set; }

    public string? MessageArgument { get; private set; }

    public bool MessageIsError { get; private set; }

    protected abstract PendingPurpose Step { get; }

    /// <summary>Whether the page offers "Faire confiance à ce navigateur pendant 30 jours" (sign-in only).</summary>
    public virtual bool OffersTrust => false;

    protected PendingSteps Steps => steps;

    protected abstract EmailCodePurpose CodePurpose { get; }

    /// <summary>The change an accepted code makes, saved in the code's own transaction.</summary>
    protected abstract Task ApplyAsync(SesameUser user, CancellationToken cancellationToken);

    /// <summary>
    /// What follows once that transaction is committed (signing in writes the session through its own
    /// connection, which SQLite would make wait behind an open transaction).
    /// </summary>
    protected abstract Task<IActionResult> CompleteAsync(SesameUser user, PendingStep step);

    public async Task<IActionResult> OnGetAsync() => await ReloadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (user, step) = await CurrentAsync();
        if (user is null || step is null)
        {
            return Expired();
        }

        MaskedEmail = Masking.Email(user.Email);
        if (await users.IsLockedOutAsync(user))
        {
            return Show("Code.LockedOut", error: true);
        }

        if (EmailCodeService.Normalize(Input.Code) is null)
        {
            ModelState.AddModelError("Input.Code", Text["Code.Format"]);
            return Rejected();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var check = await codes.CheckAsync(user.Id, CodePurpose, Input.Code, cancellationToken);
        if (check == EmailCodeCheck.Accepted)
        {
            await ApplyAsync(user, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await users.ResetAccessFailedCountAsync(user);
            await transaction.CommitAsync(cancellationToken);
            return await CompleteAsync(user, step);
        }

        await db.SaveChangesAsync(cancellationToken);
        await users.AccessFailedAsync(user);
        await transaction.CommitAsync(cancellationToken);
        Input.Code = null;
        return check switch
        {
            EmailCodeCheck.Wrong => Show("Code.Wrong", error: true),
            EmailCodeCheck.Voided => Show("Code.Voided", error: true),
            _ => Show("Code.Expired", error: true),
        };
    }

    /// <summary>"Recevoir un nouveau code": voids the previous code and mails a new one.</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var (user, _) = await CurrentAsync();
        if (user is null)
        {
            return Expired();
        }

        MaskedEmail = Masking.Email(user.Email);
        ModelState.Clear();
        Input.Code = null;
        var issue = await sender.SendAsync(user, CodePurpose, cancellationToken);
        if (!issue.IsSent)
        {
            var minutes = (int)Math.Ceiling((issue.Until - HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalMinutes);
            return Show("Code.TooManySent", error: true, argument: Math.Max(minutes, 1).ToString(System.Globalization.CultureInfo.CurrentCulture));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Show("Code.Resent", error: false);
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        var (user, _) = await CurrentAsync();
        if (user is null)
        {
            return Expired();
        }

        MaskedEmail = Masking.Email(user.Email);
        return null;
    }

    private async Task<(SesameUser? User, PendingStep? Step)> CurrentAsync()
    {
        var step = steps.Current(HttpContext, Step);
        var user = step is null ? null : await users.FindByIdAsync(step.UserId.ToString());
        return (user, step);
    }

    private RedirectResult Expired() => Redirect("/?avis=SignIn.Notice.StepExpired");

    private PageResult Show(string message, bool error, string? argument = null)
    {
        Message = message;
        MessageIsError = error;
        MessageArgument = argument;
        return error ? Rejected() : Page();
    }

    public sealed class CodeInput
    {
        public string? Code { get; set; }

        public bool TrustBrowser { get; set; }
    }
}
