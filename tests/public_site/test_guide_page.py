"""The guide page shows every national element, in the national order, for built and for imported matters."""

import html
import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from catalogue.models import MatterPage
from tests.factories import MatterPageFactory
from tests.public_site.factories import full_matter

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
RADIO_CODE = "11440000696453330X2440104012001"  # line 20 of the real file: 无线电频率使用许可（新申请）


def page_text(response) -> str:
    """What a reader sees: the page without tags and scripts, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    body = re.sub(r"</?(?:a|span|strong|em|time)\b[^>]*>", "", body)  # inline elements do not break the text
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.fixture
def matter(db):
    return full_matter()


def test_every_element_is_shown(client, matter):
    response = client.get(matter.url)
    assert response.status_code == 200
    text = page_text(response)
    expected = [
        # 基本信息
        "居民身份证换领", "行政确认", "000111001000", "11440100007502379T4440111001000", "GZGA-001", "（到期换领）",
        "广州市公安局（法定机关）", "广州市政务服务数据管理局", "市级", "法定本级行使", "承诺件", "自然人", "户籍办理",
        "窗口办理、网上办理、快递申请", "互联网预审", "广东政务服务网", "1 次（现场采集人像和指纹）", "全省通办",
        "预约办理：是", "物流快递：是", "网上支付：是", "自助终端：否", "在用",
        # 受理条件
        "具有本市常住户口", "居民身份证有效期满前三个月内", "每人每次限申请一张。", "不得要求申请人提供户籍证明以外的证明。",
        # 申请材料
        "居民身份证申领登记表", "必要", "容缺后补", "原件 1 份", "复印件 2 份", "纸质", "电子（A4）", "政府部门核发：公安机关",
        "申请人自备", "适用情形：首次申领", "填报须知：须为本人有效证件", "受理标准：证件在有效期内", "依据：《居民身份证法》第十一条",
        "下载空白表格", "下载示例样表",
        # 办理流程
        "1. 受理", "窗口受理人员", "材料齐全、符合法定形式", "出具受理回执", "2. 审核", "户政民警", "外省协查", "不计入",
        # 时限
        "法定办结时限 60自然日", "承诺办结时限 15自然日", "承诺提速率 75%", "自受理之日起计算", "偏远地区另加5日",
        # 收费
        "居民身份证工本费", "每证20元", "发改价格〔2003〕2322号", "允许", "低保对象免收",
        # 设定依据
        "《中华人民共和国居民身份证法》", "（主席令第4号）", "第十一条", "居民身份证有效期满，应当换领新证。",
        # 办理结果
        "证照", "十年",
        # 地点、时间、窗口
        "广州市越秀区解放南路155号户政大厅", "周一至周五 9:00-12:00，14:00-17:00", "12号窗口 户政综合窗口", "市民服务中心一楼",
        # 咨询与投诉
        "020-83111110", "020-12345678", "广州公安微信公众号", "020-12345", "信函：广州市越秀区解放南路155号督察支队",
        # 常见问题、别名
        "身份证过期还能用吗？", "过期的身份证不能作为有效证件使用。", "换身份证", "身份证到期",
    ]
    missing = [item for item in expected if item not in text]
    assert not missing, missing


def test_sections_follow_the_national_order(client, matter):
    body = client.get(matter.url).content.decode()
    order = ["basic", "conditions", "materials", "process", "time-limits", "fees", "legal-basis", "results", "where", "contact", "faq", "aliases"]
    positions = [body.index(f'<section id="{anchor}"') for anchor in order]
    assert positions == sorted(positions)


def test_documents_and_phones_are_links(client, matter):
    body = client.get(matter.url).content.decode()
    material = matter.materials.get(name="居民身份证申领登记表")
    assert f'href="{material.blank_form.url}"' in body
    assert f'href="{material.sample_form.url}"' in body
    assert 'href="tel:020-83111110"' not in body and 'href="tel:02083111110"' in body
    assert 'href="https://www.gdzwfw.gov.cn/portal/guide/11440100007502379T4440111001000"' in body
    theme = matter.themes.get()
    assert f'<a href="/zhuti/{theme.slug}/">户籍办理</a>' in body
    assert f'<a href="{matter.get_parent().url}">广州市公安局</a>' in body
    assert client.get(f"/zhuti/{theme.slug}/").status_code == 200


def test_free_matter_says_not_charged(client, db):
    matter = MatterPageFactory(charges=False)
    text = page_text(client.get(matter.url))
    assert "不收费" in text
    assert "收费项目" not in text


def test_immediate_matter_says_done_on_the_spot(client, db):
    matter = MatterPageFactory(handling_type="immediate", promised_limit_value=None, legal_limit_value=None)
    text = page_text(client.get(matter.url))
    assert "即办件" in text and "即办（当场办结）" in text
    assert "法定办结时限 未注明" in text


def test_suspended_matter_keeps_its_page_with_a_notice(client, db):
    matter = MatterPageFactory(status="suspended")
    text = page_text(client.get(matter.url))
    assert "本事项当前状态为“暂停”，暂不受理新的申请。" in text


def test_json_ld_is_a_government_service(client, matter):
    data = json_ld(client.get(matter.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "居民身份证换领"
    assert data["identifier"] == "11440100007502379T4440111001000"
    assert data["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "广州市公安局",
        "identifier": "11440100007502379T",
        "telephone": "020-83111110",
        "address": "广州市越秀区解放南路155号",
    }
    assert data["serviceType"] == "行政确认"
    assert data["alternateName"] == ["换身份证", "身份证到期"]
    assert data["areaServed"]["name"] == "广东省"
    assert data["url"] == "http://testserver" + matter.url
    assert f'<link rel="canonical" href="http://testserver{matter.url}">' in client.get(matter.url).content.decode()
    assert {"@type": "ServiceChannel", "name": "在线办理", "serviceUrl": matter.online_url} in data["availableChannel"]


def test_json_ld_cannot_be_broken_out_of(client, db):
    matter = MatterPageFactory(title="测试</script><script>alert(1)</script>事项")
    response = client.get(matter.url)
    body = response.content.decode()
    assert "</script><script>alert(1)" not in body
    assert json_ld(response)["name"] == "测试</script><script>alert(1)</script>事项"


def test_unknown_and_draft_pages_are_404(client, db):
    draft = MatterPageFactory(publish=False)
    assert MatterPage.objects.get(pk=draft.pk).live is False
    assert client.get(f"/bumen/{draft.get_parent().slug}/{draft.slug}/").status_code == 404
    response = client.get("/bumen/no-such-department/")
    assert response.status_code == 404
    assert "页面不存在" in page_text(response)
    assert client.get("/m/NO-SUCH-CODE/").status_code == 404


@pytest.fixture
def imported_radio(db, tmp_path):
    lines = GD.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "gd.jsonl"
    path.write_text(lines[19] + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))
    return MatterPage.objects.live().get(code=RADIO_CODE)


def test_imported_real_row_shows_its_elements(client, imported_radio):
    response = client.get(imported_radio.url)
    assert response.status_code == 200
    text = page_text(response)
    expected = [
        "无线电频率使用许可（新申请）", "行政许可", "440104012001", RADIO_CODE, "广东省工业和信息化厅", "省级",
        "取得无线电频率使用许可，申请人需满足以下全部申请条件：",
        "《无线电频率使用申请表》(txt格式)", "申请单位出具的使用无线电频率申请公函", "依法使用无线电频率的承诺书",
        "法定办结时限 30个工作日", "承诺办结时限 10个工作日", "承诺提速率 66.67%",
        "广州市东风中路305号省政府5号楼13楼1315室、1317室、1320室",
        "020-83133283", "020-83134746", "020-83134252", "020-83135862",
        "广东省无线电管理业务云平台", "0 次", "物流快递：是", "预约办理：是",
        "自然人、企业法人、事业法人、社会组织法人、非法人企业、行政机关、其他组织",
        "频率新申请", "无线电",
    ]
    missing = [item for item in expected if item not in text]
    assert not missing, missing
    # The source says nothing about fees or material details: the page says so instead of guessing.
    assert "是否收费：未注明" in text
    assert "不收费" not in text
    assert "本指南未列明办理流程" in text
    assert json_ld(response)["provider"]["name"] == "广东省工业和信息化厅"


def test_importer_leaves_paper_size_blank(imported_radio):
    assert {m.paper_size for m in imported_radio.materials.all()} == {""}


def test_imported_zhongshan_row_says_not_charged(client, db, tmp_path):
    """The older 中山 crawl keeps 不收费 in matter_short and office hours in handle_time: the guide shows both."""
    zs = settings.DATA_DIR / "zs_zhongshan_matters_2021_early.jsonl"
    path = tmp_path / "zs.jsonl"
    path.write_text(zs.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))
    matter = MatterPage.objects.live().get(code="1144200032477691303440102001001")
    text = page_text(client.get(matter.url))
    assert "中外合作开办学前教育机构审批" in text
    assert "不收费" in text
    assert "承诺办结时限 1个工作日" in text and "法定办结时限 未注明" in text
    assert "周一至周五：上午9：00至12：00" in text
    assert "中山市东区博爱六路22号市行政服务中心C区C10、C11、C12窗口" in text
    assert "中山市教育和体育局" in text
