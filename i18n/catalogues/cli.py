"""The command line (python -m data_access): what each command says it did.

One key space across every catalogue module; VI and EN hold the same keys."""

VI = {
    "cli.database": "Cơ sở dữ liệu: {url}",
    "cli.bad_url_shown": "(địa chỉ không hợp lệ)",
    "cli.migrated": "Đã cập nhật cấu trúc cơ sở dữ liệu.",
    "cli.demo_accounts": "Tài khoản thử nghiệm (chỉ để dùng thử): mật khẩu trong tệp {path}",
    "cli.ready": "Cơ sở dữ liệu sẵn sàng.",
    "cli.summary_rebuilt": "Đã tính lại bảng tổng hợp văn bản theo ngày ({off} dòng lệch trước đó).",
    "cli.user_created": "Đã tạo tài khoản {login} ({role}).",
    "cli.user_updated": "Đã cập nhật tài khoản.",
    "cli.password_reset": "Đã đặt lại mật khẩu.",
    "cli.not_empty": "Cơ sở dữ liệu đã có dữ liệu: dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.",
    "cli.alerts_refreshed": "Cảnh báo: {opened} mới, {closed} đã kết thúc, {open} đang mở.",
    "cli.alerts_sent": "Thư điện tử: đã gửi {sent} thư ({alerts} cảnh báo), {failed} thư chưa gửi được (sẽ thử lại lần chạy sau).",
    "cli.alerts_no_smtp": "Chưa cấu hình máy chủ thư (OFFICE_SMTP_HOST hoặc [alerts] smtp_host trong secrets.toml): không gửi thư.",
    "cli.webhook_sent": "Webhook: đã gửi {sent} lần ({alerts} cảnh báo), {failed} lần chưa gửi được (sẽ thử lại lần chạy sau).",
    "cli.delivery_error": "Chưa gửi được tới {error}",
    "cli.endpoint_set": "Đã đặt địa chỉ dò của {code}: {endpoint}",
    "cli.probed": "Đã dò {points} điểm cầu và {systems} hệ thống thông tin: {connected} kết nối, {degraded} chập chờn, {disconnected} mất kết nối.",
    "cli.error": "Lỗi: {message}",
    "cli.unreachable": "Không kết nối được máy chủ cơ sở dữ liệu. Kiểm tra máy chủ đang chạy, mạng và địa chỉ kết nối.",
}

EN = {
    "cli.database": "Database: {url}",
    "cli.bad_url_shown": "(not a valid address)",
    "cli.migrated": "The database structure is up to date.",
    "cli.demo_accounts": "Demo accounts (for trying only): passwords in the file {path}",
    "cli.ready": "The database is ready.",
    "cli.summary_rebuilt": "The documents' daily summary was recomputed ({off} rows were off before).",
    "cli.user_created": "Account {login} ({role}) created.",
    "cli.user_updated": "Account updated.",
    "cli.password_reset": "Password reset.",
    "cli.not_empty": "The database already holds data: the demo loads only into an empty database.",
    "cli.alerts_refreshed": "Alerts: {opened} new, {closed} ended, {open} open.",
    "cli.alerts_sent": "E-mail: {sent} digests sent ({alerts} alerts), {failed} not sent (retried on the next run).",
    "cli.alerts_no_smtp": "No mail server configured (OFFICE_SMTP_HOST or [alerts] smtp_host in secrets.toml): no e-mail sent.",
    "cli.webhook_sent": "Webhook: {sent} posts ({alerts} alerts), {failed} not sent (retried on the next run).",
    "cli.delivery_error": "Not sent to {error}",
    "cli.endpoint_set": "The probe address of {code} is now {endpoint}",
    "cli.probed": "Probed {points} commune points and {systems} information systems: {connected} connected, {degraded} degraded, {disconnected} disconnected.",
    "cli.error": "Error: {message}",
    "cli.unreachable": "The database server cannot be reached. Check that it is running, the network and the address.",
}
