from django.urls import path, re_path

from . import views

app_name = "reform"

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("plans/<int:pk>/", views.plan_page, name="plan"),
    re_path(
        r"^plans/(?P<pk>[0-9]+)/export\.(?P<kind>pdf|xlsx)$", views.plan_export, name="plan_export"
    ),
    path("tasks/<int:pk>/", views.task_page, name="task"),
    path("evidence/<str:kind>/<int:pk>/", views.evidence, name="evidence"),
    path("index/", views.latest_index, name="latest_index"),
    path("index/<int:year>/", views.index_page, name="index"),
    path("assessments/<int:pk>/", views.assessment_page, name="assessment"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/<int:pk>/", views.feedback_page, name="feedback"),
    path("training/", views.course_list, name="courses"),
    path("training/<int:pk>/", views.course_page, name="course"),
    path("review/", views.latest_review, name="latest_review"),
    path("review/<int:year>/", views.review_page, name="review"),
]
