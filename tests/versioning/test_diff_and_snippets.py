"""The Chinese character diff as a function, and windows / 材料库 as versioned snippets in a workflow."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Revision, WorkflowState

from catalogue.diff import char_diff, diff_html
from catalogue.models import SharedMaterial, Window
from catalogue.roles import SNIPPET_WORKFLOW, ensure_roles
from tests.factories import DepartmentPageFactory, SharedMaterialFactory, WindowFactory
from tests.versioning.factories import role_users


def test_one_changed_character_is_marked_alone():
    assert diff_html("办理时限为5个工作日", "办理时限为3个工作日") == (
        '办理时限为<del class="deletion">5</del><ins class="addition">3</ins>个工作日'
    )


def test_numbers_and_latin_words_stay_whole():
    assert char_diff("纸质规格A4，2027年", "纸质规格A3，2028年") == [
        ("equal", "纸质规格"), ("deletion", "A4"), ("addition", "A3"), ("equal", "，"),
        ("deletion", "2027"), ("addition", "2028"), ("equal", "年"),
    ]


def test_inserted_and_removed_characters():
    assert diff_html("申请人身份证明", "申请人居民身份证明") == '申请人<ins class="addition">居民</ins>身份证明'
    assert diff_html("营业执照副本", "营业执照") == '营业执照<del class="deletion">副本</del>'


def test_a_rewritten_sentence_is_one_deletion_and_one_addition():
    assert char_diff("法人营业执照复印件一份", "完全不同的一句新话语") == [
        ("deletion", "法人营业执照复印件一份"), ("addition", "完全不同的一句新话语"),
    ]


def test_html_is_escaped():
    assert diff_html("<b>", "<i>") == '&lt;<del class="deletion">b</del><ins class="addition">i</ins>&gt;'


@pytest.fixture
def users(db):
    own = DepartmentPageFactory(title="广东省公安厅")
    return role_users(own, DepartmentPageFactory(title="广东省教育厅"))


def test_window_edit_is_a_draft_until_the_centre_approves(client, users):
    window = WindowFactory(number="8", name="户政窗口")
    window.save_revision().publish()
    ensure_roles()
    assert window.get_workflow().name == SNIPPET_WORKFLOW
    window.name = "户政与出入境窗口"
    window.save_revision(user=users["editor"])
    assert Window.objects.get(pk=window.pk).name == "户政窗口"  # live unchanged
    state = window.get_workflow().start(window, users["editor"])
    task_state = state.current_task_state
    assert task_state.task.specific.get_actions(window, users["editor"]) == []
    assert task_state.task.specific.get_actions(window, users["reviewer"]) == []
    client.force_login(users["centre"])
    url = reverse("wagtailsnippets_catalogue_window:workflow_action", args=[window.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    assert Window.objects.get(pk=window.pk).name == "户政与出入境窗口"
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
    assert Revision.objects.filter(base_content_type=ContentType.objects.get_for_model(Window), object_id=str(window.pk)).count() == 2


def test_shared_material_has_history_and_the_admin_lists_it(client, users):
    material = SharedMaterialFactory(name="居民身份证")
    material.save_revision().publish()
    material.description = "有效期内的居民身份证原件"
    material.save_revision(user=users["editor"])
    client.force_login(users["centre"])
    listing = client.get(reverse("wagtailsnippets_catalogue_sharedmaterial:list")).content.decode()
    assert "居民身份证" in listing
    history = client.get(reverse("wagtailsnippets_catalogue_sharedmaterial:history", args=[material.pk]))
    assert history.status_code == 200
    assert SharedMaterial.objects.get(pk=material.pk).description == ""  # draft not live
