"""Admin pages of the standards office: the figures dashboard and the XLSX 标准明细表 import/export."""

import time

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from standards.coverage import COVERAGE_TARGET, compute
from standards.importers import StandardImportError, export_xlsx, read_xlsx, write_records

MAX_UPLOAD = 10 * 1024 * 1024


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def figures(request):
    _require(request, "standards.view_standard")
    started = time.perf_counter()
    coverage = compute(uncovered_limit=100)
    return TemplateResponse(request, "standards/admin/figures.html", {
        "coverage": coverage, "target": int(COVERAGE_TARGET * 100), "elapsed_ms": round((time.perf_counter() - started) * 1000),
        "header_title": "标准统计",
    })


class XlsxUploadForm(forms.Form):
    file = forms.FileField(label="标准明细表（XLSX）", help_text="第一行为列名：标准编号、标准名称、体系类别、状态为必填列。")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 文件。")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("文件超过 10 MB。")
        return upload


def xlsx(request):
    _require(request, "standards.add_standard")
    form = XlsxUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            records = read_xlsx(form.cleaned_data["file"])
            result = write_records(records, user=request.user, keep_edits=False)
        except StandardImportError as error:
            errors = [str(e) for e in error.errors]
            messages.error(request, f"标准明细表有 {len(error.errors)} 处错误，未导入任何数据。")
        else:
            messages.success(request, f"标准明细表已导入：{result}。")
            return redirect("standards_xlsx")
    return TemplateResponse(request, "standards/admin/xlsx.html", {"form": form, "errors": errors, "header_title": "标准明细表导入导出"},
                            status=400 if errors else 200)


def xlsx_export(request):
    _require(request, "standards.view_standard")
    response = HttpResponse(export_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="standards-{timezone.localdate():%Y%m%d}.xlsx"'
    return response
