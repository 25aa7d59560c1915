using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Features.SignIn;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Mail;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Méthodes de connexion" (issue 5): the authenticator app (RFC 6238, with a QR code of its otpauth URI),
/// passkeys, and the ten single-use recovery codes, shown once. Every change asks for a second factor from the
/// last 20 minutes, mails an alert with "ce n'était pas moi", and is recorded. Professionals use the same page
/// (issue 6: "may add a stronger factor"); they have no mailbox, so no alert.
/// </summary>
[RequireRecentSecondFactor]
public sealed class FactorsModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SecondFactors factors,
    PasskeyCeremonies passkeys,
    SessionRenewal renewal,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links) : SesamePageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public PasskeyInput Passkey { get; set; } = new();

    public FactorSet Factors { get; private set; } = new(false, 0, 0);

    /// <summary>A professional's account page is "Mes organisations" (decision 0014), where "back" leads.</summary>
    public bool IsProfessional { get; private set; }

    public IReadOnlyList<PasskeyRow> PasskeyList { get; private set; } = [];

    /// <summary>The key to type into an app that cannot scan, grouped by four; set while setting the app up.</summary>
    public string? SetupKey { get; private set; }

    /// <summary>The QR code of the otpauth URI, as a PNG data URI.</summary>
    public string? SetupQrCode { get; private set; }

    /// <summary>Recovery codes just made, shown this once.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    /// <summary>A resource key: the outcome of the last action.</summary>
    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    /// <summary>Starts setting up an app: a new key, shown as a QR code until a code from it is typed back.</summary>
    public async Task<IActionResult> OnPostSetupAuthenticatorAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Factors.Authenticator)
        {
            return BadRequest();
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await renewal.KeepAsync(HttpContext, user);
        await ShowSetupAsync(user);
        return Page();
    }

    /// <summary>The first code from the app proves it holds the key; then the app becomes a factor.</summary>
    public async Task<IActionResult> OnPostConfirmAuthenticatorAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        var code = SecondFactors.Digits(Code);
        if (Factors.Authenticator || await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return BadRequest();
        }

        // Checked like a sign-in code, so that the code typed here cannot be replayed to sign in.
        if (code is null || !await factors.CheckAuthenticatorCodeAsync(user, code))
        {
            ModelState.AddModelError(nameof(Code), Text["Factors.Authenticator.WrongCode"]);
            await ShowSetupAsync(user);
            return Rejected();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        if (Factors.RecoveryCodesLeft == 0)
        {
            NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SecondFactors.RecoveryCodeCount) ?? []];
        }

        await ChangedAsync(user, new FactorAdded("totp") { Subject = user.Id, Actor = user.Id.ToString() }, "Factors.Authenticator.Added", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAuthenticatorAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await ChangedAsync(user, new FactorRemoved("totp") { Subject = user.Id, Actor = user.Id.ToString() }, "Factors.Authenticator.Removed", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SecondFactors.RecoveryCodeCount) ?? []];
        await ChangedAsync(user, new FactorAdded("codes-recuperation") { Subject = user.Id, Actor = user.Id.ToString() }, "Factors.Recovery.Made", cancellationToken);
        return Page();
    }

    /// <summary>The challenge for <c>navigator.credentials.create()</c>, fetched by the page's script.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var challenge = await passkeys.BeginRegistrationAsync(user, HttpContext);
        return new JsonResult(new { options = challenge.Options, state = challenge.State });
    }

    public async Task<IActionResult> OnPostAddPasskeyAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        var name = string.IsNullOrWhiteSpace(Passkey.Name) ? Text["Factors.Passkey.DefaultName"].Value : Passkey.Name.Trim();
        if (name.Length > 50 || name.Any(char.IsControl))
        {
            Message = "Factors.Passkey.NameInvalid";
            MessageIsError = true;
            return Rejected();
        }

        if (!await passkeys.FinishRegistrationAsync(user, Passkey.Credential, Passkey.State, name, HttpContext))
        {
            Message = "Factors.Passkey.Failed";
            MessageIsError = true;
            return Rejected();
        }

        if (Factors.RecoveryCodesLeft == 0)
        {
            NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SecondFactors.RecoveryCodeCount) ?? []];
        }

        await ChangedAsync(user, new FactorAdded("cle-d-acces") { Subject = user.Id, Actor = user.Id.ToString() }, "Factors.Passkey.AddedMessage", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        byte[] credentialId;
        try
        {
            credentialId = Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Decode(id ?? "");
        }
        catch (FormatException)
        {
            return NotFound();
        }

        // Scoped to the person: another account's passkey id is simply not found.
        if (await users.GetPasskeyAsync(user, credentialId) is null)
        {
            return NotFound();
        }

        await users.RemovePasskeyAsync(user, credentialId);
        await ChangedAsync(user, new FactorRemoved("cle-d-acces") { Subject = user.Id, Actor = user.Id.ToString() }, "Factors.Passkey.Removed", cancellationToken);
        return Page();
    }

    /// <summary>After a change: the alert, the record, this session kept, the page shown again.</summary>
    private async Task ChangedAsync(SesameUser user, AuditEvent audit, string message, CancellationToken cancellationToken)
    {
        // A professional has no mailbox on file (decision 0014): the record is all there is.
        if (user.Email is not null)
        {
            outbox.Enqueue(MailTemplates.FactorsChanged, mail.FactorsChangedAlert(user.Email, links.NotMe(user)));
        }

        Audit(audit);
        await db.SaveChangesAsync(cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        await renewal.KeepAsync(HttpContext, user);
        Message = message;
        ModelState.Clear();
        Code = null;
        await LoadAsync();
    }

    private async Task ShowSetupAsync(SesameUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        SetupKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Sesame:" + user.UserName)}?secret={key}&issuer=Sesame&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        SetupQrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    private async Task<SesameUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            Factors = await factors.OfAsync(user);
            IsProfessional = user.Population == AccountPopulation.Professional;
            PasskeyList = [.. (await users.GetPasskeysAsync(user))
                .OrderBy(p => p.CreatedAt)
                .Select(p => new PasskeyRow(Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(p.CredentialId), p.Name ?? "", p.CreatedAt))];
        }

        return user;
    }

    public sealed record PasskeyRow(string Id, string Name, DateTimeOffset CreatedAt);
}
