"""Vietnamese names and phrases the demo province is built from.

Unit and commune names are plausible, not a real province's list: the demo
must never be mistaken for a real office's figures.
"""

DEPARTMENTS = [
    ("SO-TC", "Sở Tài chính"),
    ("SO-NV", "Sở Nội vụ"),
    ("SO-TP", "Sở Tư pháp"),
    ("SO-CT", "Sở Công Thương"),
    ("SO-NNMT", "Sở Nông nghiệp và Môi trường"),
    ("SO-XD", "Sở Xây dựng"),
    ("SO-GDDT", "Sở Giáo dục và Đào tạo"),
    ("SO-YT", "Sở Y tế"),
    ("SO-KHCN", "Sở Khoa học và Công nghệ"),
    ("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SO-DTTG", "Sở Dân tộc và Tôn giáo"),
    ("SO-NGV", "Sở Ngoại vụ"),
    ("TTR", "Thanh tra tỉnh"),
    ("BQL-KKT", "Ban Quản lý các khu kinh tế"),
    ("CA-TINH", "Công an tỉnh"),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh"),
    ("DAI-PTTH", "Đài Phát thanh và Truyền hình tỉnh"),
    ("TT-PVHCC", "Trung tâm Phục vụ hành chính công"),
]
OFFICE = ("VP-UBND", "Văn phòng UBND tỉnh")

# Issuers of incoming documents, with the symbol used in their numbers.
ISSUERS = [
    ("Văn phòng Chính phủ", "VPCP"),
    ("Bộ Tài chính", "BTC"),
    ("Bộ Nội vụ", "BNV"),
    ("Bộ Xây dựng", "BXD"),
    ("Bộ Nông nghiệp và Môi trường", "BNNMT"),
    ("Bộ Công Thương", "BCT"),
    ("Bộ Y tế", "BYT"),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("Bộ Công an", "BCA"),
    ("Bộ Khoa học và Công nghệ", "BKHCN"),
    ("Tỉnh ủy", "TU"),
    ("HĐND tỉnh", "HĐND"),
    ("Sở Tài chính", "STC"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Công an tỉnh", "CAT"),
    ("UBND xã, phường, đặc khu", "UBND"),
]

# Document types of Decree 30/2020/NĐ-CP with their symbols and weights.
DOC_TYPES = [
    ("Công văn", "", 55),
    ("Quyết định", "QĐ", 12),
    ("Báo cáo", "BC", 8),
    ("Kế hoạch", "KH", 6),
    ("Thông báo", "TB", 6),
    ("Giấy mời", "GM", 6),
    ("Tờ trình", "TTr", 4),
    ("Chỉ thị", "CT", 1),
    ("Công điện", "CĐ", 1),
    ("Chương trình", "CTr", 1),
]

TOPICS = [
    "chuyển đổi số và Đề án 06",
    "giải ngân vốn đầu tư công",
    "phòng, chống thiên tai mùa mưa bão",
    "cải cách thủ tục hành chính",
    "xây dựng nông thôn mới",
    "phòng, chống dịch bệnh trên cây lúa",
    "quản lý đất đai và giải phóng mặt bằng",
    "bảo đảm an toàn giao thông",
    "thu ngân sách nhà nước",
    "sắp xếp trụ sở, tài sản công sau hợp nhất",
    "xóa nhà tạm, nhà dột nát",
    "phát triển du lịch biển đảo",
    "chống khai thác IUU",
    "bảo vệ môi trường các khu công nghiệp",
    "chăm lo Tết cho người có công",
    "tuyển sinh đầu cấp năm học mới",
    "kiểm soát giá cả thị trường",
    "phòng cháy, chữa cháy",
    "kiện toàn bộ máy chính quyền địa phương hai cấp",
    "thu hút đầu tư vào khu kinh tế",
    "chuyển đổi cơ cấu cây trồng",
    "cấp nước sinh hoạt mùa khô",
    "an ninh trật tự khu vực biên giới",
    "dịch vụ công trực tuyến toàn trình",
    "chi trả chính sách cho cán bộ nghỉ việc",
    "nâng cấp đê bao, kè chống sạt lở",
    "quy hoạch tỉnh thời kỳ 2021-2030",
    "công tác thi đua, khen thưởng",
]

DOC_SUMMARY_TEMPLATES = [
    "V/v triển khai {topic}",
    "V/v báo cáo kết quả {topic}",
    "V/v đôn đốc thực hiện {topic}",
    "Về việc góp ý dự thảo văn bản liên quan đến {topic}",
    "V/v tăng cường {topic}",
    "V/v hướng dẫn thực hiện {topic}",
    "Về việc phân bổ kinh phí {topic}",
]

TASK_TITLE_TEMPLATES = [
    "Tham mưu kế hoạch {topic} năm {year}",
    "Báo cáo tình hình {topic}",
    "Triển khai các giải pháp {topic}",
    "Rà soát, đề xuất cơ chế {topic}",
    "Kiểm tra, xử lý vướng mắc về {topic}",
    "Tổng kết, đánh giá {topic}",
    "Xây dựng đề án {topic}",
    "Hoàn thiện hồ sơ {topic} trình UBND tỉnh",
]

MEETING_TITLES = {
    "meeting": [
        "Họp nghe báo cáo {topic}",
        "Họp Thường trực UBND tỉnh về {topic}",
        "Họp giải quyết vướng mắc {topic}",
        "Phiên họp thường kỳ UBND tỉnh",
    ],
    "conference": ["Hội nghị sơ kết {topic}", "Hội nghị triển khai {topic}", "Hội nghị trực tuyến về {topic}"],
    "delegation": [
        "Tiếp đoàn công tác của Bộ Tài chính",
        "Tiếp đoàn công tác của Bộ Nội vụ",
        "Tiếp đoàn kiểm tra của Văn phòng Chính phủ",
        "Tiếp đoàn công tác Trung ương về {topic}",
    ],
    "other": ["Lễ trao quyết định về {topic}", "Làm việc với doanh nghiệp về {topic}"],
}
LOCATIONS = [
    "Phòng họp số 1, UBND tỉnh",
    "Phòng họp số 2, UBND tỉnh",
    "Hội trường UBND tỉnh",
    "Phòng họp trực tuyến, UBND tỉnh",
    "Trung tâm Hội nghị tỉnh",
]
CHAIRS = [
    "Chủ tịch UBND tỉnh Trần Minh Đức",
    "Phó Chủ tịch Thường trực UBND tỉnh Lê Văn Phước",
    "Phó Chủ tịch UBND tỉnh Nguyễn Thị Thu Hà",
    "Phó Chủ tịch UBND tỉnh Phạm Quốc Bảo",
    "Chánh Văn phòng UBND tỉnh Võ Thanh Tùng",
]
SPECIALISTS = [
    "Nguyễn Thị Mai",
    "Trần Văn Hùng",
    "Lê Hoàng Nam",
    "Phạm Thị Ngọc Hân",
    "Huỳnh Minh Trí",
    "Đặng Thị Kim Liên",
    "Võ Quốc Khánh",
    "Bùi Thanh Tâm",
]

EVENT_NOTES = {
    "report": [
        "Đơn vị báo cáo đã hoàn thành {pct}% khối lượng công việc.",
        "Đã gửi dự thảo xin ý kiến các sở, ngành liên quan.",
        "Đang tổng hợp số liệu từ các xã, phường.",
    ],
    "urge": [
        "Văn phòng UBND tỉnh có văn bản đôn đốc thực hiện.",
        "Nhắc đơn vị khẩn trương hoàn thành, báo cáo kết quả.",
        "Đôn đốc lần {n}: đề nghị báo cáo tiến độ trước ngày làm việc tới.",
    ],
    "extension": [
        "Gia hạn theo đề nghị của đơn vị do cần thêm thời gian lấy ý kiến.",
        "Lãnh đạo UBND tỉnh đồng ý gia hạn do phát sinh vướng mắc về thủ tục.",
    ],
    "status": ["Cập nhật trạng thái: đang thực hiện.", "Cập nhật trạng thái: đã hoàn thành."],
    "note": [
        "Nhiệm vụ liên quan nhiều sở, ngành; cần phối hợp chặt chẽ.",
        "Chuyên viên theo dõi đã trao đổi trực tiếp với đơn vị.",
    ],
}
CHECK_NOTES = {
    "degraded": ["Đường truyền chập chờn, hình ảnh giật.", "Âm thanh không ổn định."],
    "disconnected": ["Mất kết nối đường truyền.", "Thiết bị đầu cuối không phản hồi.", "Mất điện tại điểm cầu."],
}

# Syllables that place names of the Mekong delta are made of.
PLACE_FIRST = [
    "Mỹ",
    "Long",
    "Bình",
    "Tân",
    "Phú",
    "Vĩnh",
    "Thạnh",
    "Hòa",
    "An",
    "Định",
    "Châu",
    "Thới",
    "Nhơn",
    "Khánh",
    "Tây",
    "Đông",
    "Hưng",
    "Phước",
    "Lợi",
    "Thuận",
]
PLACE_SECOND = [
    "Hòa",
    "Hưng",
    "Thạnh",
    "Phú",
    "Lợi",
    "An",
    "Bình",
    "Điền",
    "Mỹ",
    "Xuyên",
    "Lộc",
    "Tân",
    "Thuận",
    "Phước",
    "Đức",
    "Thành",
    "Khánh",
    "Trung",
    "Hiệp",
    "Quới",
]
SPECIAL_ZONES = ["Hòn Đất Biển", "Hải Đảo Tây", "Thổ Sơn"]
