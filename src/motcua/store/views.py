"""Pages of the store: digitising a dossier's papers at the counter, staff search over the
digitised text, and the citizen's own store."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from motcua.dossiers.errors import LifecycleError
from motcua.dossiers.lifecycle import may_attach
from motcua.dossiers.models import FileKind
from motcua.dossiers.queries import visible_dossiers
from motcua.org.access import staff_only
from motcua.text import fold

from . import services
from .models import StoredDocument

# At most this many photos make one document (a passport has 48 pages; forms far fewer).
MAX_PAGES = 20


@staff_only
def digitise(request, code: str):
    """`/office/dossiers/<code>/digitise/`: each paper component scanned or photographed
    into the dossier as its digitised copy, read by OCR and kept in the applicant's store."""
    dossier = get_object_or_404(visible_dossiers(request.user), code=code)
    allowed = may_attach(dossier, request.user, FileKind.DOCUMENT)
    error, status = "", 200
    if request.method == "POST" and allowed:
        pages = [upload.read() for upload in request.FILES.getlist("pages")[:MAX_PAGES]]
        try:
            order = int(request.POST.get("document_order", ""))
            services.digitise(dossier, actor=request.user, document_order=order, pages=pages)
        except ValueError:
            error, status = "Hãy chọn thành phần hồ sơ.", 400
        except LifecycleError as failure:
            error, status = failure.message, 400
        else:
            messages.success(request, "Đã số hóa và lưu vào kho dữ liệu của người nộp.")
            return redirect("store:digitise", code=code)
    digitised = {
        stored.source_file.document_order: stored
        for stored in StoredDocument.objects.filter(dossier=dossier, origin="digitised")
        .select_related("source_file")
        .exclude(source_file=None)
    }
    rows = [
        {"order": order, "document": document, "stored": digitised.get(order)}
        for order, document in enumerate(dossier.procedure_version.data["documents"], start=1)
    ]
    context = {"dossier": dossier, "rows": rows, "allowed": allowed, "error": error}
    return render(request, "store/digitise.html", context, status=status)


@staff_only
def search(request):
    """`/office/store/search/`: find digitised papers by words they contain (no accents
    needed), within the dossiers the member of staff may see."""
    q = request.POST.get("q", "").strip() if request.method == "POST" else ""
    found = StoredDocument.objects.none()
    if q:
        words = fold(q).split()
        found = StoredDocument.objects.filter(dossier__in=visible_dossiers(request.user))
        for word in words:
            found = found.filter(text_folded__contains=word)
        found = found.select_related("dossier", "document_type", "source_file")
    page = Paginator(found, 25).get_page(request.POST.get("page"))
    return render(request, "store/search.html", {"q": q, "page": page})


@login_required
def my_store(request):
    """`/account/store/`: the citizen's digitised papers and electronic results."""
    documents = services.documents_of(request.user).select_related("source_file", "dossier")
    return render(request, "store/my_store.html", {"documents": documents})
