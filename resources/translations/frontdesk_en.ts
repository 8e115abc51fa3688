<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CheckInPage</name>
    <message numerus="yes">
        <source>%n scan(s) answered</source>
        <translation>
            <numerusform>%n scan answered</numerusform>
            <numerusform>%n scans answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) made offline read differently now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoursesPage</name>
    <message numerus="yes">
        <source>(%n more clash(es) of this course.)</source>
        <translation>
            <numerusform>(%n more clash of this course.)</numerusform>
            <numerusform>(%n more clashes of this course.)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DoorBanner</name>
    <message numerus="yes">
        <source>%n min old</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LearnerFeesPanel</name>
    <message numerus="yes">
        <source>%n course(s) · still owed {owed} · public subsidy received {subsidy}</source>
        <translation>
            <numerusform>%n course · still owed {owed} · public subsidy received {subsidy}</numerusform>
            <numerusform>%n courses · still owed {owed} · public subsidy received {subsidy}</numerusform>
        </translation>
    </message>
</context>
</TS>
