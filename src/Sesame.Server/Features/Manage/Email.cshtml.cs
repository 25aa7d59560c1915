using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Modifier mon adresse courriel" (issue 5): the new address is confirmed with a code sent to it before it
/// replaces the old one, and the old one is told, with "ce n'était pas moi". Until the code is entered the
/// account keeps its address; the new one travels between the two steps encrypted in the page.
/// </summary>
[CitizensOnly]
[RequireRecentSecondFactor]
[EnableRateLimiting(RateLimits.CodeEntry)]
public sealed class EmailModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    EmailCodeService codes,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    SessionRenewal renewal,
    IDataProtectionProvider protection) : SesamePageModel
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _pending = protection.CreateProtector("Sesame.EmailChange.v1").ToTimeLimitedDataProtector();

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    /// <summary>The new address, masked, once its code was sent.</summary>
    public string? MaskedNewEmail { get; private set; }

    public string? Problem { get; private set; }

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ReloadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        CurrentEmail = user.Email!;
        var email = Input.NewEmail?.Trim() ?? "";
        var broken = EmailAddressRules.Check(email);
        AddRuleErrors("Input.NewEmail", broken);
        if (broken.Count == 0 && string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.NewEmail", Text["ChangeEmail.Same"]);
        }
        else if (broken.Count == 0 && await users.FindByEmailAsync(email) is not null)
        {
            AddRuleErrors("Input.NewEmail", [AccountRuleCodes.EmailTaken]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var issue = await codes.IssueAsync(user.Id, EmailCodePurpose.ChangeEmail, cancellationToken);
        if (!issue.IsSent)
        {
            Problem = "Code.TooManySentShort";
            return Rejected();
        }

        outbox.Enqueue(MailTemplates.ChangeEmailCode, mail.ChangeEmailCodeMail(email, issue.Code!));
        await db.SaveChangesAsync(cancellationToken);
        Input.Pending = _pending.Protect($"{user.Id}|{email}", PendingLifetime);
        MaskedNewEmail = Masking.Email(email);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        CurrentEmail = user.Email!;
        if (PendingEmail(user) is not { } email)
        {
            Problem = "ChangeEmail.Expired";
            Input = new();
            return Rejected();
        }

        MaskedNewEmail = Masking.Email(email);
        if (EmailCodeService.Normalize(Input.Code) is null)
        {
            ModelState.AddModelError("Input.Code", Text["Code.Format"]);
            return Rejected();
        }

        var old = user.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var check = await codes.CheckAsync(user.Id, EmailCodePurpose.ChangeEmail, Input.Code, cancellationToken);
        if (check != EmailCodeCheck.Accepted)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Problem = check == EmailCodeCheck.Wrong ? "Code.Wrong" : "Code.Expired";
            Input.Code = null;
            return Rejected();
        }

        user.Email = email;
        user.NormalizedEmail = users.NormalizeEmail(email);
        user.EmailConfirmed = true;
        outbox.Enqueue(MailTemplates.EmailChanged, mail.EmailChangedAlert(old, Masking.Email(email), links.NotMe(user)));
        Audit(new EmailChanged(Masking.Email(email)) { Subject = user.Id, Actor = user.Id.ToString() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone took the address between the two steps: the unique index refuses it.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.NewEmail", Text[AccountRuleCodes.EmailTaken]);
            Input = new();
            MaskedNewEmail = null;
            return Rejected();
        }

        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        await renewal.KeepAsync(HttpContext, user);
        CurrentEmail = email;
        MaskedNewEmail = null;
        Changed = true;
        Input = new();
        ModelState.Clear();
        return Page();
    }

    protected override async Task<IActionResult?> ReloadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        CurrentEmail = user.Email!;
        MaskedNewEmail = PendingEmail(user) is { } email ? Masking.Email(email) : null;
        return null;
    }

    private string? PendingEmail(SesameUser user) =>
        _pending.TryUnprotect(Input.Pending, 4000)?.Split('|', 2) is [var id, var email] && id == user.Id.ToString() ? email : null;

    public sealed class EmailInput
    {
        public string? NewEmail { get; set; }

        public string? Code { get; set; }

        /// <summary>The new address between the two steps, encrypted and valid 30 minutes.</summary>
        public string? Pending { get; set; }
    }
}
