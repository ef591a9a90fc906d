using System.Globalization;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// Writes the account messages to the outbox on the request's DbContext; the caller saves, so each message
/// exists exactly when the change that caused it does.
/// </summary>
public sealed class AccountEmails(Outbox outbox, IStringLocalizer<Text> text, IOptions<AppOptions> app)
{
    private sealed record Mail(string Heading, string Message, string? Action = null, string Footer = AccountEmail.IgnoreFooter);

    private static readonly Mail Confirmation = new(
        Heading: "Confirm your email address",
        Message: "Open the link below to confirm {0} as the address of your Dialogue account.",
        Action: "Confirm my address");

    private static readonly Mail AlreadyRegistered = new(
        Heading: "You already have a Dialogue account",
        Message: "Someone tried to register a new account with {0}, which already belongs to your account. If it was you, sign in, or reset your password if you have forgotten it.",
        Action: "Sign in");

    private static readonly Mail PasswordReset = new(
        Heading: "Reset your password",
        Message: "Open the link below to choose a new password for your Dialogue account. The link works for one day.",
        Action: "Choose a new password");

    private static readonly Mail EmailChange = new(
        Heading: "Confirm your new email address",
        Message: "Open the link below to use {0} as the address of your Dialogue account. Until you do, your address stays unchanged.",
        Action: "Confirm my new address");

    private static readonly Mail EmailChangeNotice = new(
        Heading: "Your address is about to change",
        Message: "Someone asked to change the address of your Dialogue account to {0}. It changes only when the new address is confirmed.",
        Footer: "If you didn't ask for this, sign in and change your password.");

    /// <param name="culture">The language the visitor registered in; new accounts have no language of their own yet.</param>
    public Task QueueConfirmationAsync(DialogueUser user, string token, CultureInfo culture) =>
        QueueAsync(new EmailRecipient(user.Email!, user.DisplayName, culture), "account-confirm", Confirmation, [user.Email!],
            $"/Accounts/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={LinkCodes.Encode(token)}");

    public Task QueueAlreadyRegisteredAsync(DialogueUser user) =>
        QueueAsync(To(user), "account-already-registered", AlreadyRegistered, [user.Email!], "/Accounts/SignIn");

    public Task QueuePasswordResetAsync(DialogueUser user, string token) =>
        QueueAsync(To(user), "account-password-reset", PasswordReset, [],
            $"/Accounts/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={LinkCodes.Encode(token)}");

    public Task QueueEmailChangeAsync(DialogueUser user, string newEmail, string token) =>
        QueueAsync(To(user) with { Address = newEmail }, "account-email-change", EmailChange, [newEmail],
            $"/Accounts/ConfirmEmailChange?userId={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&code={LinkCodes.Encode(token)}");

    public Task QueueEmailChangeNoticeAsync(DialogueUser user, string newEmail) =>
        QueueAsync(To(user), "account-email-change-notice", EmailChangeNotice, [newEmail], actionPath: null);

    private static EmailRecipient To(DialogueUser user) =>
        new(user.Email!, user.DisplayName, SupportedCultures.For(user.UiCulture));

    private Task<Dialogue.Data.Email.OutboxMessage> QueueAsync(EmailRecipient to, string kind, Mail mail, object[] arguments, string? actionPath) =>
        outbox.AddAsync<AccountEmail>(to, kind, () => text[mail.Heading], new Dictionary<string, object?>
        {
            [nameof(AccountEmail.Heading)] = mail.Heading,
            [nameof(AccountEmail.Name)] = to.Name,
            [nameof(AccountEmail.Message)] = mail.Message,
            [nameof(AccountEmail.Arguments)] = arguments,
            [nameof(AccountEmail.Action)] = actionPath is null ? null : mail.Action,
            [nameof(AccountEmail.ActionUrl)] = actionPath is null ? null : app.Value.Link(actionPath),
            [nameof(AccountEmail.Footer)] = mail.Footer,
        });
}
