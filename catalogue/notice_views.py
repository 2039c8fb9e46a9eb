"""Counter staff issue and print notices (staff login required)."""

from django import forms
from django.contrib.auth.decorators import user_passes_test
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from wagtail.models import Revision

from cms.printing.render import render_pdf

from .models import MatterPage, Notice, NoticeKind, NoticePrint
from .printing import matter_context


def is_counter_staff(user) -> bool:
    return user.is_active and (user.is_staff or user.has_perm("catalogue.add_notice"))


counter_staff_required = user_passes_test(is_counter_staff, login_url="wagtailadmin_login")


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label="文书类型", choices=NoticeKind.choices, widget=forms.RadioSelect)
    applicant_name = forms.CharField(label="申请人（单位）", max_length=200)
    missing_materials = forms.MultipleChoiceField(label="需补正的材料（逐项勾选）", required=False, widget=forms.CheckboxSelectMultiple)
    other_material = forms.CharField(label="其他需补正的内容", max_length=500, required=False)
    reason = forms.CharField(label="不予受理的理由", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    competent_body = forms.CharField(label="有权受理的行政机关", max_length=200, required=False,
                                     help_text="申请事项不属于本机关职权范围时，告知申请人向哪个机关申请。")

    def __init__(self, *args, matter: MatterPage, **kwargs):
        super().__init__(*args, **kwargs)
        names = [m.name for m in matter.materials.all()]
        self.fields["missing_materials"].choices = [(name, name) for name in names]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == NoticeKind.CORRECTION and not (data.get("missing_materials") or data.get("other_material")):
            self.add_error("missing_materials", "补正材料通知书须一次告知全部需补正的材料：请至少勾选一项。")
        if kind == NoticeKind.REJECTION and not data.get("reason", "").strip():
            self.add_error("reason", "不予受理通知书须写明理由。")
        return data


@counter_staff_required
def notice_list(request):
    code = request.GET.get("code", "").strip()
    if code:
        if MatterPage.objects.live().filter(code=code).exists():
            return redirect("notice_create", code=code)
        error = f"没有实施编码为“{code[:40]}”的事项。"
    else:
        error = ""
    notices = Notice.objects.select_related("issued_by").prefetch_related("prints")[:50]
    return render(request, "catalogue/notices/list.html", {"notices": notices, "error": error, "code": code})


@counter_staff_required
@require_http_methods(["GET", "POST"])
def notice_create(request, code: str):
    matter = get_object_or_404(MatterPage.objects.live(), code=code)
    form = NoticeForm(request.POST or None, matter=matter, initial={"kind": request.GET.get("kind", NoticeKind.CORRECTION)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        missing = list(data["missing_materials"]) + ([data["other_material"].strip()] if data["other_material"].strip() else [])
        notice = Notice.issue(
            matter=matter, kind=data["kind"], user=request.user, applicant_name=data["applicant_name"].strip(),
            missing_materials=missing if data["kind"] == NoticeKind.CORRECTION else [],
            reason=data["reason"].strip() if data["kind"] == NoticeKind.REJECTION else "",
            competent_body=data["competent_body"].strip() if data["kind"] == NoticeKind.REJECTION else "",
        )
        return redirect("notice_pdf", pk=notice.pk)
    return render(request, "catalogue/notices/form.html", {"matter": matter, "form": form})


@counter_staff_required
def notice_pdf(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk)
    matter = notice.matter
    if matter is None:
        raise Http404("事项已删除")
    revision = Revision.objects.filter(pk=notice.matter_revision_id).first() or matter.live_revision
    context = {**matter_context(revision.as_object(), revision), "notice": notice, "department": notice.department}
    data = render_pdf("catalogue/print/notice.html", context)
    NoticePrint.objects.create(notice=notice, printed_by=request.user)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.pk}.pdf"'
    response["Cache-Control"] = "no-store"  # applicant data: never kept by a browser or proxy
    return response
