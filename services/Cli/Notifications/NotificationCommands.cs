using System.CommandLine;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Cli.Notifications;

/// <summary><c>talentmesh notifications list | watch | read</c>: an applicant's notifications (服务精准触达).</summary>
public static class NotificationCommands
{
    public static Command Create(CliContext cli) => new("notifications", "An applicant's notifications: list, watch live, mark read.")
    {
        List(cli),
        Watch(cli),
        Read(cli),
    };

    private static Command List(CliContext cli)
    {
        var unread = new Option<bool>("--unread") { Description = "Unread only" };
        var size = CommonOptions.PageSize();
        var page = CommonOptions.PageToken();
        return cli.Command("list", "The caller's notifications, newest first.", Caller.Applicant, async (session, parsed) =>
        {
            var response = await session.Mesh.Notifications.ListNotificationsAsync(new ListNotificationsRequest
            {
                UnreadOnly = parsed.GetValue(unread),
                PageSize = parsed.GetValue(size),
                PageToken = parsed.GetValue(page) ?? "",
            }, await session.Redemption());
            var table = Table($"notifications ({response.UnreadCount} unread)");
            foreach (var notification in response.Notifications)
                AddRow(table, notification);
            session.Console.Write(table);
            session.WriteNextPageHint(response.NextPageToken);
        }, unread, size, page);
    }

    private static Command Watch(CliContext cli)
    {
        var resume = new Option<string?>("--resume-after") { Description = "The last notification id seen: what came after it is sent first" };
        var count = new Option<int?>("--count") { Description = "Stop after this many (default: until Ctrl+C)" };
        return cli.Command("watch", "Stream new notifications as they arrive, until Ctrl+C.", Caller.Applicant, async (session, parsed) =>
        {
            var limit = parsed.GetValue(count);
            var call = await session.Mesh.CallAsync(MeshService.Redemption, session.Caller, session.CancellationToken, streaming: true);
            using var stream = session.Mesh.Notifications.WatchNotifications(new WatchNotificationsRequest { ResumeAfterNotificationId = parsed.GetValue(resume) ?? "" }, call);
            session.Console.MarkupLine("[grey]watching notifications (Ctrl+C to stop)…[/]");
            var seen = 0;
            while (await stream.ResponseStream.MoveNext(session.CancellationToken))
            {
                Print(session.Console, stream.ResponseStream.Current);
                if (++seen == limit)
                    break;
            }
        }, resume, count);
    }

    private static Command Read(CliContext cli)
    {
        var id = CommonOptions.Id("notification-id", "The notification");
        return cli.Command("read", "Mark a notification read.", Caller.Applicant, async (session, parsed) =>
        {
            var notification = await session.Mesh.Notifications.MarkNotificationReadAsync(new MarkNotificationReadRequest { NotificationId = parsed.GetRequiredValue(id) }, await session.Redemption());
            Print(session.Console, notification);
        }, id);
    }

    public static Table Table(string title) => new Table().Border(TableBorder.Rounded).Title(title)
        .AddColumn("at").AddColumn("kind").AddColumn("title").AddColumn("body").AddColumn("policy").AddColumn("redemption").AddColumn("read");

    public static void AddRow(Table table, Notification notification) => table.AddRow(
        new Text(Display.Of(notification.CreatedAt)), new Text(Display.Kebab(notification.Kind)), new Text(notification.Title), new Text(notification.Body),
        new Text(notification.PolicyId), new Text(notification.RedemptionId), new Text(notification.ReadAt is null ? "" : "✓"));

    public static void Print(IAnsiConsole console, Notification notification) =>
        console.MarkupLineInterpolated($"[blue]{Display.Of(notification.CreatedAt)}[/] [bold]{Display.Kebab(notification.Kind)}[/] {notification.Title} — {notification.Body} [grey]({notification.NotificationId})[/]");
}
