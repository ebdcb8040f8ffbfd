"""The command line (python -m data_access): what each command says it did.

One key space across every catalogue module; VI and EN hold the same keys."""

VI = {
    "cli.database": "Cơ sở dữ liệu: {url}",
    "cli.bad_url_shown": "(địa chỉ không hợp lệ)",
    "cli.migrated": "Đã cập nhật cấu trúc cơ sở dữ liệu.",
    "cli.demo_accounts": "Tài khoản thử nghiệm (chỉ để dùng thử): mật khẩu trong tệp {path}",
    "cli.ready": "Cơ sở dữ liệu sẵn sàng.",
    "cli.replica_ready": "Bản sao để đọc {url} sẵn sàng, chậm {lag} byte so với máy chủ chính.",
    "cli.replica_not_standby": "{url} (DATABASE_READ_URL) không phải bản sao đang nhận dữ liệu từ máy chủ chính: kiểm tra cấu hình sao chép.",
    "cli.summary_rebuilt": "Đã tính lại bảng tổng hợp văn bản theo ngày ({off} dòng lệch trước đó).",
    "cli.user_created": "Đã tạo tài khoản {login} ({role}).",
    "cli.user_updated": "Đã cập nhật tài khoản.",
    "cli.password_reset": "Đã đặt lại mật khẩu.",
    "cli.not_empty": "Cơ sở dữ liệu đã có dữ liệu: dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.",
    "cli.error": "Lỗi: {message}",
    "cli.unreachable": "Không kết nối được máy chủ cơ sở dữ liệu. Kiểm tra máy chủ đang chạy, mạng và địa chỉ kết nối.",
}

EN = {
    "cli.database": "Database: {url}",
    "cli.bad_url_shown": "(not a valid address)",
    "cli.migrated": "The database structure is up to date.",
    "cli.demo_accounts": "Demo accounts (for trying only): passwords in the file {path}",
    "cli.ready": "The database is ready.",
    "cli.replica_ready": "The read replica {url} is ready, {lag} bytes behind the primary.",
    "cli.replica_not_standby": "{url} (DATABASE_READ_URL) is not a standby replaying the primary: check the replication settings.",
    "cli.summary_rebuilt": "The documents' daily summary was recomputed ({off} rows were off before).",
    "cli.user_created": "Account {login} ({role}) created.",
    "cli.user_updated": "Account updated.",
    "cli.password_reset": "Password reset.",
    "cli.not_empty": "The database already holds data: the demo loads only into an empty database.",
    "cli.error": "Error: {message}",
    "cli.unreachable": "The database server cannot be reached. Check that it is running, the network and the address.",
}
